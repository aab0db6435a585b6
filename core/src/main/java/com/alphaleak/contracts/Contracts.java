package com.alphaleak.contracts;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every input table of the pipeline, as code. {@code docs/data-contracts.md} describes the same
 * tables for people; a test keeps the two in step.
 */
public final class Contracts {
    private Contracts() {}

    private static final DataType D = DataTypes.DoubleType;
    private static final DataType I = DataTypes.IntegerType;
    private static final DataType TS = DataTypes.TimestampType;

    /** One row per buy signal fired by a tracked wallet; signal-level features as fired. */
    public static final TableContract SIGNALS = TableContract.builder("signals")
            .id("signal_id", "unique id of the signal")
            .required("wallet", DataTypes.StringType, "buying wallet (base58)")
            .required("token", DataTypes.StringType, "token mint (base58)")
            .required("creator", DataTypes.StringType, "token creator wallet")
            .required("signal_time", TS, "instant the signal fired (UTC); every context value must be known at or before it")
            .nullable("buy_rank", I, "1-based rank of this buy among all buys of the token")
            .nullable("sol_amount", D, "SOL spent by the buy")
            .nullable("token_age_seconds", D, "seconds from token creation to the signal")
            .nullable("buy_velocity_60s", D, "buys per minute on the token over the 60 s before the signal")
            .nullable("buy_velocity_300s", D, "buys per minute on the token over the 300 s before the signal")
            .nullable("rule_score", D, "rule-based score 0-100 of the live system (the fallback when ML is down)")
            .nullable("crowding_ratio", D, "tracked-wallet buys / all buys on the token before the signal")
            .nullable("tracked_wallets_in_token", I, "distinct tracked wallets that bought the token before the signal")
            .build();

    /**
     * PeakTracker outcomes, one row per signal. For each horizon H: the highest price multiple
     * (peak price / price at signal) within (signal_time, signal_time + H], and the instant the
     * value was finalised ({@code observed_at_H >= signal_time + H}). Both null while the
     * horizon has not elapsed or when tracking failed.
     */
    public static final TableContract OUTCOMES = outcomes("outcomes", "signal_id", "signal the outcome belongs to");

    /** Token-level outcomes for genesis models, measured from the end of the observation window. */
    public static final TableContract GENESIS_OUTCOMES = outcomes("genesis_outcomes", "token", "token mint");

    /** Wallet point-in-time scores, refreshed on every trade of the wallet. */
    public static final TableContract WALLET_SNAPSHOTS = TableContract.builder("wallet_snapshots")
            .key("wallet", "wallet (base58)")
            .knownAt("known_at", "snapshot_id")
            .nullable("alpha_score", D, "wallet skill score 0-100")
            .nullable("wallet_graduation_rate", D, "share of the wallet's resolved tokens that graduated")
            .nullable("wallet_avg_buy_rank", D, "mean buy rank of the wallet's entries")
            .nullable("wallet_trades_at", D, "number of trades of the wallet known at this time")
            .build();

    /** Wallet behavioural features, recomputed every 30 minutes for active wallets. */
    public static final TableContract WALLET_FEATURES = TableContract.builder("wallet_features")
            .key("wallet", "wallet (base58)")
            .knownAt("known_at", "snapshot_id")
            .nullable("tokens_traded", D, "distinct tokens the wallet traded")
            .nullable("pct_top10_entries", D, "share of entries among the first 10 buyers")
            .nullable("avg_seconds_after_creation", D, "mean seconds from token creation to the wallet's buy")
            .nullable("pct_buys_under_60s", D, "share of buys within 60 s of creation")
            .nullable("pct_buys_under_300s", D, "share of buys within 300 s of creation")
            .nullable("avg_sol_per_buy", D, "mean SOL per buy")
            .nullable("median_sol_per_buy", D, "median SOL per buy")
            .nullable("sol_size_stddev", D, "standard deviation of SOL per buy")
            .nullable("max_single_buy", D, "largest single buy in SOL")
            .nullable("is_bot", D, "1 when the wallet trades like a bot, else 0")
            .nullable("is_copy_trader", D, "1 when the wallet mostly follows other wallets' entries, else 0")
            .nullable("wash_trade_pct", D, "share of volume that is self-matched or round-tripped")
            .nullable("avg_hold_seconds", D, "mean seconds between a buy and the matching sell")
            .nullable("pct_sold_within_5m", D, "share of positions sold within 5 minutes")
            .nullable("win_rate_2x", D, "share of resolved entries whose token reached 2x after the buy")
            .build();

    /** Creator history, refreshed on every launch and every resolution of a creator's token. */
    public static final TableContract CREATOR_STATS = TableContract.builder("creator_stats")
            .key("creator", "creator wallet (base58)")
            .knownAt("known_at", "snapshot_id")
            .nullable("creator_tokens_launched", D, "tokens launched before this snapshot")
            .nullable("creator_rug_rate", D, "share of resolved launches that were rugged")
            .nullable("creator_graduation_rate", D, "share of resolved launches that graduated")
            .nullable("creator_insider_share", D, "mean share of supply bought by wallets linked to the creator")
            .nullable("creator_bot_buyer_share", D, "mean share of early buyers that are bots")
            .nullable("creator_launch_velocity_24h", D, "launches in the 24 h before the snapshot")
            .nullable("creator_risk_score", D, "risk score 0-100")
            .nullable("creator_avg_peak_multiple", D, "mean 1 h peak multiple of resolved launches")
            .nullable("creator_median_lifetime_seconds", D, "median seconds from launch to last trade of resolved launches")
            .nullable("creator_wallet_age_days", D, "days since the creator wallet's first transaction")
            .build();

    /** Token curve and flow state, refreshed every minute while the token trades. */
    public static final TableContract TOKEN_STATE = TableContract.builder("token_state")
            .key("token", "token mint (base58)")
            .knownAt("known_at", "snapshot_id")
            .nullable("lifecycle_state", I, "0 created, 1 early, 2 trending, 3 near graduation, 4 graduated, 5 fading, 6 dead, 7 rugged")
            .nullable("curve_progress", D, "bonding-curve completion 0-1 (1 = graduated)")
            .nullable("virtual_sol_reserves", D, "virtual SOL reserves of the curve")
            .nullable("virtual_token_reserves", D, "virtual token reserves of the curve (millions)")
            .nullable("real_sol_reserves", D, "real SOL in the curve")
            .nullable("holder_count", I, "wallets holding the token")
            .nullable("top10_holder_share", D, "share of supply held by the 10 largest holders")
            .nullable("token_bundle_confidence", D, "confidence 0-1 that the launch was bundled")
            .nullable("dev_holding_share", D, "share of supply held by the creator")
            .nullable("buys_60s", D, "buys in the 60 s before the snapshot")
            .nullable("sells_60s", D, "sells in the 60 s before the snapshot")
            .nullable("net_sol_flow_300s", D, "SOL bought minus SOL sold in the 300 s before the snapshot")
            .nullable("unique_buyers_300s", D, "distinct buyers in the 300 s before the snapshot")
            .build();

    /** Wallet co-occurrence graph scores, recomputed hourly. */
    public static final TableContract GRAPH_SCORES = TableContract.builder("graph_scores")
            .key("wallet", "wallet (base58)")
            .knownAt("known_at", "snapshot_id")
            .nullable("cobuy_pair_score_max", D, "strongest co-buying score with any other wallet")
            .nullable("cobuy_pair_score_mean", D, "mean co-buying score over the wallet's partners")
            .nullable("cobuy_partners_count", D, "wallets with a co-buying score above the floor")
            .nullable("cluster_score_1h", D, "hourly cluster score of the wallet's cluster")
            .nullable("cluster_size", D, "wallets in the wallet's cluster")
            .nullable("cluster_hit_rate", D, "share of the cluster's resolved entries that reached 2x")
            .nullable("leader_score", D, "how often the wallet buys before its partners")
            .nullable("follower_score", D, "how often the wallet buys after its partners")
            .build();

    /** Global market regime, keyless, refreshed every few minutes. */
    public static final TableContract MARKET_REGIME = TableContract.builder("market_regime")
            .knownAt("known_at", "snapshot_id")
            .nullable("token_creation_rate_1h", D, "tokens created per hour over the last hour")
            .nullable("token_creation_rate_24h", D, "tokens created per hour over the last 24 h")
            .nullable("token_creation_rate_7d", D, "tokens created per hour over the last 7 days")
            .nullable("graduation_rate_2h", D, "share of tokens created 2 h ago or later that graduated")
            .nullable("graduation_rate_24h", D, "graduation share over the last 24 h")
            .nullable("graduation_rate_7d", D, "graduation share over the last 7 days")
            .nullable("sol_volume_1h", D, "SOL traded on curves over the last hour")
            .nullable("sol_volume_24h", D, "SOL traded on curves over the last 24 h")
            .build();

    /** Genesis-window columns computed by the GenesisWatcher over a token's first 60 seconds. */
    public static final List<String> GENESIS_WINDOW_FEATURES = List.of(
            // trade flow (15)
            "g_buys_count", "g_sells_count", "g_buy_sol_total", "g_sell_sol_total", "g_net_sol_flow",
            "g_buy_sell_ratio", "g_trades_per_second", "g_max_buy_sol", "g_median_buy_sol", "g_buy_sol_stddev",
            "g_first_buy_delay_ms", "g_buys_first_10s", "g_buys_10_30s", "g_buys_30_60s", "g_largest_sell_sol",
            // unique buyers (8)
            "g_unique_buyers", "g_unique_sellers", "g_new_wallet_share", "g_repeat_buyer_share",
            "g_buyers_first_10s", "g_buyer_growth_rate", "g_top_buyer_share", "g_buyer_gini",
            // curve progress (8)
            "g_curve_progress_end", "g_curve_progress_30s", "g_curve_velocity", "g_virtual_sol_reserves_end",
            "g_virtual_token_reserves_end", "g_real_sol_reserves_end", "g_price_multiple_end", "g_max_drawdown",
            // bundle / sniper evidence (10)
            "g_bundle_detected", "g_bundle_size", "g_bundle_sol_share", "g_same_slot_buys", "g_sniper_count",
            "g_sniper_sol_share", "g_dev_buy_sol", "g_dev_sold", "g_funded_by_creator_share", "g_jito_tip_share",
            // buyer quality (12)
            "g_known_wallet_share", "g_known_wallet_count", "g_mean_alpha_score", "g_max_alpha_score",
            "g_mean_buyer_graduation_rate", "g_skilled_buyer_count", "g_bot_buyer_share", "g_copy_trader_share",
            "g_mean_buyer_tokens_traded", "g_insider_share", "g_top10_holder_share", "g_holder_count",
            // token metadata (4)
            "g_name_length", "g_has_socials", "g_has_website", "g_image_reused");

    /**
     * Genesis observation windows, one row per token: the create event opens the window, which
     * closes at 60 s (or at 30 s when the token is already dead: {@code aborted}). The row is
     * known at {@code known_at >= window_end}.
     */
    public static final TableContract GENESIS_WINDOWS = genesisWindows();

    /**
     * The simulator's latent truth: the probability each target was going to hit, per signal
     * ({@code entity_kind = signal}) or token ({@code token}). Never an input to training; used to
     * judge model quality against the best achievable.
     */
    public static final TableContract ORACLE = TableContract.builder("oracle")
            .required("entity_kind", DataTypes.StringType, "signal or token")
            .required("entity_id", DataTypes.StringType, "signal_id or token mint")
            .required("target", DataTypes.StringType, "target name, e.g. reach_2x_1h")
            .required("probability", D, "latent probability the target hits")
            .nullable("probability_no_foresight", D, "the same for a model that knows the token's parameters but"
                    + " not its future (when trading stops); an upper bound of what observable inputs allow")
            .build();

    /** All contracts by table name. */
    public static final Map<String, TableContract> ALL = List.of(SIGNALS, OUTCOMES, WALLET_SNAPSHOTS,
                    WALLET_FEATURES, CREATOR_STATS, TOKEN_STATE, GRAPH_SCORES, MARKET_REGIME, GENESIS_WINDOWS,
                    GENESIS_OUTCOMES, ORACLE).stream()
            .collect(Collectors.toMap(TableContract::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));

    private static TableContract outcomes(String name, String idColumn, String idDescription) {
        TableContract.Builder b = TableContract.builder(name).id(idColumn, idDescription)
                .nullable("price_at_start", D, "price (SOL per million tokens) at the instant measurement started");
        for (Horizon h : Horizon.values()) {
            b.nullable(h.peakColumn(), D, "highest price multiple within " + h.label() + "; null until observed");
            b.nullable(h.observedAtColumn(), TS, "instant the " + h.label() + " peak was finalised; null until then");
        }
        return b.build();
    }

    private static TableContract genesisWindows() {
        TableContract.Builder b = TableContract.builder("genesis_windows")
                .id("token", "token mint (base58)")
                .required("creator", DataTypes.StringType, "token creator wallet")
                .required("created_at", TS, "create event of the token (window opens)")
                .required("window_end", TS, "instant the window closed: created_at + 60 s, or + 30 s when aborted")
                .required("known_at", TS, "instant the window's features became available (>= window_end)")
                .required("aborted", DataTypes.BooleanType, "true when the window closed early at 30 s because the token was dead");
        for (String f : GENESIS_WINDOW_FEATURES) {
            b.nullable(f, D, "genesis window feature (see docs/data-contracts.md)");
        }
        return b.build();
    }
}
