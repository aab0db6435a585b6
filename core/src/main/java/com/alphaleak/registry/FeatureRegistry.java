package com.alphaleak.registry;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned, ordered feature list. The order is the contract with the model: models take
 * features by position, so a version never changes once published; a change is a new version.
 */
public final class FeatureRegistry {
    /** The 68 features of the standard (per-signal) models. */
    public static final String SIGNAL_V1 = "signal_v1";
    /** The 75 features of the token-level genesis models. */
    public static final String GENESIS_V1 = "genesis_v1";

    private final String version;
    private final String eventTable;
    private final List<FeatureSpec> features;

    private FeatureRegistry(String version, String eventTable, List<FeatureSpec> features) {
        this.version = version;
        this.eventTable = eventTable;
        this.features = List.copyOf(features);
        Set<String> seen = new HashSet<>();
        for (FeatureSpec f : features) {
            if (!seen.add(f.name())) throw new IllegalStateException(version + ": duplicate feature " + f.name());
            f.derivation().ifPresent(r -> {
                if (!seen.contains(r.numerator()) || !seen.contains(r.denominator())) {
                    throw new IllegalStateException(version + ": " + f.name() + " derives from a later or unknown feature");
                }
            });
        }
    }

    /** The registry of a version name, e.g. {@value #SIGNAL_V1}. */
    public static FeatureRegistry of(String version) {
        return switch (version) {
            case SIGNAL_V1 -> signalV1();
            case GENESIS_V1 -> genesisV1();
            default -> throw new IllegalArgumentException("unknown feature registry '" + version
                    + "'; known: " + List.of(SIGNAL_V1, GENESIS_V1));
        };
    }

    /** The registry of a version validated at configuration load. */
    public static FeatureRegistry of(RegistryVersion version) {
        return of(version.configName());
    }

    public String version() {
        return version;
    }

    /** Contract name of the table with one row per training example (signals or genesis windows). */
    public String eventTable() {
        return eventTable;
    }

    public List<FeatureSpec> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    public List<String> names() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    public Optional<FeatureSpec> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Direct features grouped by source table, in first-appearance order; derived features excluded. */
    public Map<String, List<FeatureSpec>> bySourceTable() {
        Map<String, List<FeatureSpec>> out = new LinkedHashMap<>();
        for (FeatureSpec f : features) {
            if (!f.isDerived()) out.computeIfAbsent(f.sourceTable(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    public List<FeatureSpec> derived() {
        return features.stream().filter(FeatureSpec::isDerived).toList();
    }

    private static FeatureRegistry signalV1() {
        Builder b = new Builder(SIGNAL_V1, Contracts.SIGNALS.name());
        b.direct("wallet point-in-time", Contracts.WALLET_SNAPSHOTS,
                "alpha_score", "wallet_graduation_rate", "wallet_avg_buy_rank", "wallet_trades_at");
        b.direct("wallet behavioural", Contracts.WALLET_FEATURES,
                "tokens_traded", "pct_top10_entries", "avg_seconds_after_creation", "pct_buys_under_60s",
                "pct_buys_under_300s", "avg_sol_per_buy", "median_sol_per_buy", "sol_size_stddev", "max_single_buy",
                "is_bot", "is_copy_trader", "wash_trade_pct", "avg_hold_seconds", "pct_sold_within_5m", "win_rate_2x");
        b.direct("signal", Contracts.SIGNALS,
                "buy_rank", "sol_amount", "token_age_seconds", "buy_velocity_60s", "buy_velocity_300s",
                "rule_score", "crowding_ratio", "tracked_wallets_in_token");
        b.direct("creator", Contracts.CREATOR_STATS,
                "creator_tokens_launched", "creator_rug_rate", "creator_graduation_rate", "creator_insider_share",
                "creator_bot_buyer_share", "creator_launch_velocity_24h", "creator_risk_score", "creator_avg_peak_multiple");
        b.direct("token state", Contracts.TOKEN_STATE,
                "lifecycle_state", "curve_progress", "virtual_sol_reserves", "virtual_token_reserves",
                "real_sol_reserves", "holder_count", "top10_holder_share", "token_bundle_confidence", "dev_holding_share");
        b.direct("graph", Contracts.GRAPH_SCORES,
                "cobuy_pair_score_max", "cobuy_pair_score_mean", "cobuy_partners_count", "cluster_score_1h",
                "cluster_size", "cluster_hit_rate", "leader_score", "follower_score");
        b.direct("market regime", Contracts.MARKET_REGIME, regimeColumns());
        b.direct("token flow", Contracts.TOKEN_STATE, "buys_60s", "sells_60s", "net_sol_flow_300s", "unique_buyers_300s");
        b.ratio("derived", "sol_amount_vs_wallet_avg", "sol_amount", "avg_sol_per_buy",
                "this buy's SOL relative to the wallet's mean buy (conviction)");
        b.ratio("derived", "entry_speed_vs_wallet_avg", "token_age_seconds", "avg_seconds_after_creation",
                "token age at this buy relative to the wallet's usual entry delay");
        b.ratio("derived", "buy_velocity_acceleration", "buy_velocity_60s", "buy_velocity_300s",
                "buy rate of the last minute relative to the last five (momentum)");
        b.ratio("derived", "creation_rate_1h_vs_7d", "token_creation_rate_1h", "token_creation_rate_7d",
                "token launches of the last hour relative to the weekly rate (market heat)");
        return b.build(68);
    }

    private static FeatureRegistry genesisV1() {
        Builder b = new Builder(GENESIS_V1, Contracts.GENESIS_WINDOWS.name());
        b.direct("genesis window", Contracts.GENESIS_WINDOWS, Contracts.GENESIS_WINDOW_FEATURES.toArray(String[]::new));
        b.direct("creator", Contracts.CREATOR_STATS, Contracts.CREATOR_STATS.valueColumns().stream()
                .map(ColumnSpec::name).toArray(String[]::new));
        b.direct("market regime", Contracts.MARKET_REGIME, regimeColumns());
        return b.build(75);
    }

    private static String[] regimeColumns() {
        return Contracts.MARKET_REGIME.valueColumns().stream().map(ColumnSpec::name).toArray(String[]::new);
    }

    private static final class Builder {
        private final String version;
        private final String eventTable;
        private final List<FeatureSpec> features = new ArrayList<>();

        Builder(String version, String eventTable) {
            this.version = version;
            this.eventTable = eventTable;
        }

        void direct(String category, TableContract table, String... columns) {
            for (String c : columns) {
                ColumnSpec spec = table.column(c).orElseThrow(() -> new IllegalStateException(
                        version + ": " + table.name() + " has no column " + c));
                features.add(new FeatureSpec(features.size(), c, category, table.name(), c, Optional.empty(),
                        MissingPolicy.NAN, spec.description()));
            }
        }

        void ratio(String category, String name, String numerator, String denominator, String description) {
            features.add(new FeatureSpec(features.size(), name, category, FeatureSpec.DERIVED, name,
                    Optional.of(new Ratio(numerator, denominator)), MissingPolicy.NAN_WHEN_UNDEFINED, description));
        }

        FeatureRegistry build(int expected) {
            if (features.size() != expected) {
                throw new IllegalStateException(version + " has " + features.size() + " features, expected " + expected);
            }
            return new FeatureRegistry(version, eventTable, features);
        }
    }
}
