package com.alphaleak.registry;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureRegistryTest {
    private final FeatureRegistry signal = FeatureRegistry.of(FeatureRegistry.SIGNAL_V1);
    private final FeatureRegistry genesis = FeatureRegistry.of(FeatureRegistry.GENESIS_V1);

    @Test
    void standardAndGenesisVectorsHaveTheDocumentedSizes() {
        assertEquals(68, signal.size());
        assertEquals(75, genesis.size());
    }

    @Test
    void knownNamesKeepTheLiveSystemsDocumentedOrder() {
        assertEquals(List.of("alpha_score", "wallet_graduation_rate", "wallet_avg_buy_rank", "wallet_trades_at",
                "tokens_traded", "pct_top10_entries", "avg_seconds_after_creation", "pct_buys_under_60s",
                "pct_buys_under_300s", "avg_sol_per_buy", "median_sol_per_buy", "sol_size_stddev", "max_single_buy"),
                signal.names().subList(0, 13));
        for (String known : List.of("token_bundle_confidence", "is_bot", "creator_risk_score", "is_copy_trader",
                "wash_trade_pct", "crowding_ratio", "rule_score")) {
            assertTrue(signal.names().contains(known), known);
        }
    }

    @Test
    void indexesAreTheCanonicalPositions() {
        for (FeatureRegistry r : List.of(signal, genesis)) {
            for (int i = 0; i < r.size(); i++) assertEquals(i, r.features().get(i).index());
            assertEquals(r.size(), new HashSet<>(r.names()).size(), "names are unique");
        }
    }

    @Test
    void everyDirectFeatureNamesAnExistingColumnOfItsSourceTable() {
        for (FeatureRegistry r : List.of(signal, genesis)) {
            for (FeatureSpec f : r.features()) {
                if (f.isDerived()) {
                    Ratio d = f.derivation().orElseThrow();
                    assertTrue(r.feature(d.numerator()).orElseThrow().index() < f.index());
                    assertTrue(r.feature(d.denominator()).orElseThrow().index() < f.index());
                    continue;
                }
                TableContract t = Contracts.ALL.get(f.sourceTable());
                assertTrue(t != null, f.name() + " comes from unknown table " + f.sourceTable());
                assertTrue(t.column(f.sourceColumn()).isPresent(), f.name());
                assertTrue(t.column(f.sourceColumn()).get().nullable(), f.name() + " must allow missing values");
            }
        }
    }

    @Test
    void signalVectorUsesEveryContextTableAndGenesisLooksUpCreatorAndRegime() {
        assertEquals(List.of("wallet_snapshots", "wallet_features", "signals", "creator_stats", "token_state",
                "graph_scores", "market_regime"), List.copyOf(signal.bySourceTable().keySet()));
        assertEquals(List.of("genesis_windows", "creator_stats", "market_regime"), List.copyOf(genesis.bySourceTable().keySet()));
        assertEquals(57, genesis.bySourceTable().get("genesis_windows").size());
        assertEquals(4, signal.derived().size());
    }

    @Test
    void unknownVersionIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureRegistry.of("signal_v9"));
        assertTrue(e.getMessage().contains("signal_v1") && e.getMessage().contains("genesis_v1"), e.getMessage());
    }
}
