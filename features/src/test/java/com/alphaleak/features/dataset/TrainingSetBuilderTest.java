package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.registry.FeatureRegistry;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.alphaleak.features.dataset.Frames.row;
import static com.alphaleak.features.dataset.SignalWorld.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSetBuilderTest extends SharedSpark {
    private final Frames frames = new Frames(spark());

    /** Ten signals of wallet w1, ten minutes apart (00:00 .. 01:30). */
    private SignalWorld tenSignals() {
        SignalWorld w = new SignalWorld(frames);
        for (int i = 0; i < 10; i++) w.signal("s" + i, "w1", 10 * i, i % 3 == 0 ? 2.5 : 1.2);
        return w;
    }

    private static Map<String, Row> byId(TrainingSet set) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : set.data().collectAsList()) out.put(r.getString(0), r);
        return out;
    }

    private static Double value(Row r, String column) {
        int i = Arrays.asList(r.schema().fieldNames()).indexOf(column);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }

    @Test
    void contextValueIsTheLatestKnownAtOrBeforeTheSignalWithTheHighestSnapshotIdWinningTies() {
        SignalWorld w = tenSignals()
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(5), "snapshot_id", 1L, "alpha_score", 1.0))
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(20), "snapshot_id", 3L, "alpha_score", 3.0))
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(20), "snapshot_id", 2L, "alpha_score", 2.0))
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(45), "snapshot_id", 4L, "alpha_score", 4.0))
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w2", "known_at", at(0), "snapshot_id", 5L, "alpha_score", 99.0));
        Map<String, Row> rows = byId(w.builder().execute());
        assertNull(value(rows.get("s0"), "alpha_score"), "nothing known yet at 00:00");
        assertEquals(1.0, value(rows.get("s1"), "alpha_score"));
        assertEquals(3.0, value(rows.get("s2"), "alpha_score"), "known exactly at the signal time counts; snapshot 3 beats 2");
        assertEquals(3.0, value(rows.get("s4"), "alpha_score"));
        assertEquals(4.0, value(rows.get("s5"), "alpha_score"));
        assertEquals(4.0, value(rows.get("s9"), "alpha_score"));
    }

    @Test
    void allFeaturesOfATableComeFromOneSnapshot() {
        SignalWorld w = tenSignals()
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(0), "snapshot_id", 5L,
                        "alpha_score", 10.0, "wallet_trades_at", null))
                .context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(0), "snapshot_id", 4L,
                        "alpha_score", null, "wallet_trades_at", 7.0));
        Row r = byId(w.builder().execute()).get("s3");
        assertEquals(10.0, value(r, "alpha_score"));
        assertNull(value(r, "wallet_trades_at"), "never filled from the losing snapshot");
    }

    @Test
    void maxAgeIsAnInclusiveBound() {
        SignalWorld w = tenSignals()
                .context(Contracts.TOKEN_STATE, row("token", "tok-w1", "known_at", at(10), "snapshot_id", 1L, "curve_progress", 0.5))
                .maxAge(Contracts.TOKEN_STATE, Duration.ofMinutes(10));
        Map<String, Row> rows = byId(w.builder().execute());
        assertEquals(0.5, value(rows.get("s1"), "curve_progress"));
        assertEquals(0.5, value(rows.get("s2"), "curve_progress"), "exactly max-age old still matches");
        assertNull(value(rows.get("s3"), "curve_progress"), "older than max-age is missing");
    }

    @Test
    void keylessMarketRegimeIsLookedUpByTimeAlone() {
        SignalWorld w = tenSignals();
        w.signal("x1", "w7", 35, 1.0);
        w.context(Contracts.MARKET_REGIME, row("known_at", at(0), "snapshot_id", 1L, "token_creation_rate_1h", 100.0))
                .context(Contracts.MARKET_REGIME, row("known_at", at(30), "snapshot_id", 2L, "token_creation_rate_1h", 200.0));
        Map<String, Row> rows = byId(w.builder().execute());
        assertEquals(100.0, value(rows.get("s2"), "token_creation_rate_1h"));
        assertEquals(200.0, value(rows.get("s3"), "token_creation_rate_1h"));
        assertEquals(200.0, value(rows.get("x1"), "token_creation_rate_1h"), "every wallet sees the same regime");
    }

    @Test
    void outputHasIdsThenFeaturesInRegistryOrderThenLabelsPeaksAndSplit() {
        TrainingSet set = tenSignals().builder().execute();
        List<String> expected = new ArrayList<>(List.of("signal_id", "wallet", "token", "creator", "signal_time"));
        expected.addAll(FeatureRegistry.of(FeatureRegistry.SIGNAL_V1).names());
        expected.addAll(List.of("reach_2x_1h", "peak_multiple_1h", "split"));
        assertEquals(expected, List.of(set.data().columns()));
        for (String f : FeatureRegistry.of(FeatureRegistry.SIGNAL_V1).names()) {
            assertEquals("double", set.data().schema().apply(f).dataType().typeName(), f);
        }
    }

    @Test
    void duplicateSignalRowsAreKeptAndRatiosWithZeroDenominatorAreMissing() {
        SignalWorld w = tenSignals();
        w.signal("s9", "w1", 90, 1.2); // the same signal recorded twice
        w.outcomes.remove(w.outcomes.size() - 1);
        w.signals.get(0).put("sol_amount", 2.0);
        w.signals.get(1).put("sol_amount", 2.0);
        w.context(Contracts.WALLET_FEATURES, row("wallet", "w1", "known_at", at(0), "snapshot_id", 1L, "avg_sol_per_buy", 0.5))
                .context(Contracts.WALLET_FEATURES, row("wallet", "w1", "known_at", at(10), "snapshot_id", 2L, "avg_sol_per_buy", 0.0));
        TrainingSet set = w.builder().execute();
        assertEquals(11, set.data().count());
        assertEquals(2, set.data().filter("signal_id = 's9'").count());
        Map<String, Row> rows = byId(set);
        assertEquals(4.0, value(rows.get("s0"), "sol_amount_vs_wallet_avg"));
        assertNull(value(rows.get("s1"), "sol_amount_vs_wallet_avg"), "2.0 / 0.0 is undefined, not infinite");
    }

    @Test
    void unmaturedAndMissingOutcomesAreExcludedNotNegative() {
        SignalWorld w = tenSignals();
        w.outcomes.get(4).put("peak_multiple_1h", null);
        w.outcomes.get(4).put("observed_at_1h", null);
        TrainingSet set = w.builder().asOf(at(90 + 59)).execute();
        Map<String, Row> rows = byId(set);
        assertNull(rows.get("s4").getAs("reach_2x_1h"), "missing outcome");
        assertNull(rows.get("s9").getAs("reach_2x_1h"), "1 h had not elapsed at the cut-off");
        assertEquals(1, (int) rows.get("s3").<Integer>getAs("reach_2x_1h"));
        assertEquals(0, (int) rows.get("s8").<Integer>getAs("reach_2x_1h"));
    }

    @Test
    void newestTwentyPercentIsValidation() {
        TrainingSet set = tenSignals().builder().execute();
        Map<String, Row> rows = byId(set);
        assertEquals("validation", rows.get("s8").getAs("split"));
        assertEquals("validation", rows.get("s9").getAs("split"));
        assertEquals("train", rows.get("s7").getAs("split"));
        assertEquals(Instant.parse("2026-01-01T01:20:00Z"), set.split().validationStart());
    }

    @Test
    void genesisContextIsLookedUpAtTheWindowEnd() {
        List<Map<String, Object>> windows = new ArrayList<>();
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            windows.add(row("token", "t" + i, "creator", "c1", "created_at", at(10 * i), "window_end", at(10 * i).plusSeconds(60),
                    "known_at", at(10 * i).plusSeconds(61), "aborted", false, "g_buys_count", (double) i));
            outcomes.add(row("token", "t" + i, "peak_multiple_1h", 1.0 + i % 2, "observed_at_1h", at(10 * i + 61)));
        }
        Dataset<Row> creator = frames.of(Contracts.CREATOR_STATS,
                row("creator", "c1", "known_at", at(20).plusSeconds(60), "snapshot_id", 1L, "creator_rug_rate", 0.25),
                row("creator", "c1", "known_at", at(20).plusSeconds(61), "snapshot_id", 2L, "creator_rug_rate", 0.75));
        TrainingSet set = TrainingSetBuilder.of(DatasetKind.GENESIS, FeatureRegistry.of(FeatureRegistry.GENESIS_V1))
                .events(frames.of(Contracts.GENESIS_WINDOWS, windows)).outcomes(frames.of(Contracts.GENESIS_OUTCOMES, outcomes))
                .context(Contracts.CREATOR_STATS, creator, Optional.empty())
                .context(Contracts.MARKET_REGIME, frames.empty(Contracts.MARKET_REGIME), Optional.empty())
                .targets(List.of(TargetSpec.parse("reach_2x_1h"))).execute();
        Map<String, Row> rows = byId(set);
        assertEquals(5 + 75 + 3, set.data().columns().length, "token, creator, created_at, aborted, window_end, features, label, peak, split");
        assertNull(value(rows.get("t1"), "creator_rug_rate"));
        assertEquals(0.25, value(rows.get("t2"), "creator_rug_rate"), "the row known at window_end, not the one a second later");
        assertEquals(0.75, value(rows.get("t3"), "creator_rug_rate"));
        assertEquals(2.0, value(rows.get("t2"), "g_buys_count"));
    }
}
