package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TargetSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generates the deterministic Pump.fun sample world: every input table of
 * {@link Contracts} as a Delta table, the project's default data and the test-data source.
 *
 * <pre>{@code
 * SampleWorldGenerator.Result r = SampleWorldGenerator.builder(spark)
 *         .sample(config.sample()).seed(config.run().seed()).tables(config.tables())
 *         .execute();
 * }</pre>
 *
 * <h2>The world</h2>
 * <ul>
 *   <li><b>Time.</b> The span runs from {@code sample.start} for {@code sample.days}; its end is
 *       "now": nothing is known after it. At {@code regime-shift-at} of the span the market
 *       changes: launches become 1.6x as frequent, token potential and drift drop (fewer
 *       graduations, lower hit rates), bundled launches flip from weak to briefly strong, and
 *       skilled wallets' edge in picking tokens halves.</li>
 *   <li><b>Tokens</b> (about one per two signals) launch on a bonding curve (30 virtual SOL,
 *       graduation at 85 SOL real reserves, i.e. 14.7x the launch price). A token's log price is
 *       Brownian motion with drift in "activity time", which fades within minutes for most
 *       tokens (they die) and keeps a slow tail for tokens with potential; rugs crash the price
 *       and stop trading. Peaks over any window are drawn exactly (Brownian-bridge maxima on a
 *       grid containing every measured instant).</li>
 *   <li><b>Wallets</b> ({@code sample.wallets}) have a latent skill: skilled wallets pick
 *       high-potential tokens and enter early, noise wallets buy anything, bots
 *       ({@code bot-wallet-share}) snipe nearly every launch and carry about 30x their share of
 *       all signals (key skew), copy traders buy seconds after skilled wallets of their cluster.
 *       A quarter of non-bot wallets appear during the span without history.</li>
 *   <li><b>Creators</b> ({@code sample.creators}) have a rug propensity, launch quality,
 *       bundling habit and launch frequency; 30% appear during the span without history.</li>
 *   <li><b>Signals</b>: exactly {@code sample.signals} buys by tracked wallets, with buy rank,
 *       size, token age, buy velocity, crowding and the live rule score.</li>
 *   <li><b>Outcomes</b>: peak multiple within 10m/30m/1h/4h/24h after each signal (non-decreasing
 *       across horizons), observed a few seconds to minutes after each horizon ends; horizons
 *       not observed by "now" are null, and 0.5% of measurements are lost (no row).</li>
 *   <li><b>Oracle</b>: for every signal ({@code entity_kind = signal}) and genesis window
 *       ({@code token}), the exact latent probability of each target
 *       (default {@link OracleTargets#DEFAULT}). Outcomes are drawn from exactly these
 *       probabilities, so the oracle is calibrated.</li>
 *   <li><b>Context snapshots</b>, each with known_at (stamped to the second) and a table-wide
 *       increasing snapshot_id: wallet_snapshots on every trade, wallet_features every 30
 *       minutes for active wallets, creator_stats on every launch and resolution, token_state
 *       every minute while a token trades on its curve (plus lifecycle events), graph_scores
 *       hourly, market_regime every 5 minutes. Equal known_at within a key occurs (bots trading
 *       twice in a second, double feed writes): the greater snapshot_id is the later write.</li>
 *   <li><b>Lookahead trap</b>: context written after a signal reflects its fate (win rates and
 *       alpha scores rise after winners, graduation and rug rates after resolutions, token state
 *       shows graduated/dead/rugged), while values known at the signal are only noisy
 *       reflections of the latents. Joining the latest row instead of the point-in-time row
 *       inflates validation scores.</li>
 *   <li><b>Missingness</b> is structural: new wallets and creators have no snapshot before their
 *       first activity, and rates are null until something has resolved.</li>
 *   <li><b>Genesis</b>: one window per token (1% missed by the watcher): 57 features over the
 *       first 60 s (30 s and {@code aborted} when the token is already dead), known shortly
 *       after the window end; genesis outcomes are measured from the window end.</li>
 * </ul>
 *
 * <p>Never over existing data: each table's Delta commit records the generator's fingerprint
 * (settings, seed), and a generation refuses ({@code DataContractException}, exit 3) before its
 * first write when any output table exists without that fingerprint. Tables that carry it are
 * kept, so an interrupted generation resumes and a repeated one changes nothing.
 *
 * <p>Deterministic: the same sample settings and seed give identical tables regardless of
 * partitioning or core count (every entity draws from its own seeded stream; aggregations sum
 * integers). Tokens are simulated independently in Spark tasks; wallet, creator and graph
 * context is derived per key from the event stream.
 */
public final class SampleWorldGenerator {
    /** Part of every table's fingerprint: bump when the same settings would generate different data. */
    static final int GENERATOR_VERSION = 2;

    private final SparkSession spark;
    private AlphaLeakConfig.Sample sample;
    private Long seed;
    private AlphaLeakConfig.Tables tables;
    private int partitions;
    private List<TargetSpec> oracleTargets = OracleTargets.DEFAULT.stream().map(TargetSpec::parse).toList();

    private SampleWorldGenerator(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    public static SampleWorldGenerator builder(SparkSession spark) {
        return new SampleWorldGenerator(spark);
    }

    /** Builder preset from a loaded configuration (sample settings, run seed, table locations). */
    public static SampleWorldGenerator forConfig(SparkSession spark, AlphaLeakConfig config) {
        return builder(spark).sample(config.sample()).seed(config.run().seed()).tables(config.tables());
    }

    /** Generates the world of a loaded configuration: the entry point for the CLI. */
    public static Result generate(SparkSession spark, AlphaLeakConfig config) {
        return forConfig(spark, config).execute();
    }

    public SampleWorldGenerator sample(AlphaLeakConfig.Sample sample) {
        this.sample = Objects.requireNonNull(sample, "sample");
        return this;
    }

    public SampleWorldGenerator seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SampleWorldGenerator tables(AlphaLeakConfig.Tables tables) {
        this.tables = Objects.requireNonNull(tables, "tables");
        return this;
    }

    /** Spark partitions of the token simulation; 0 (default) picks from the world size. Does not change the output. */
    public SampleWorldGenerator partitions(int partitions) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /** Targets whose latent probability goes to the oracle table; default {@link OracleTargets#DEFAULT}. */
    public SampleWorldGenerator oracleTargets(List<TargetSpec> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("oracle targets must not be empty");
        }
        this.oracleTargets = List.copyOf(targets);
        return this;
    }

    /**
     * What was written.
     *
     * @param rows          rows per table name, in {@link Contracts#ALL} order
     * @param elapsedMillis wall time of the generation including writes
     * @param now           the simulated "now": end of the span; nothing in the tables is known after it
     */
    public record Result(Map<String, Long> rows, long elapsedMillis, Instant now) {
        public Result {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("sample world (now = " + now + ", " + elapsedMillis + " ms):");
            rows.forEach((table, n) -> sb.append(System.lineSeparator()).append(String.format("  %-18s %,12d rows", table, n)));
            return sb.toString();
        }
    }

    public Result execute() {
        if (sample == null || seed == null || tables == null) {
            throw new IllegalStateException("sample, seed and tables must be set before execute()");
        }
        long started = System.nanoTime();
        String marker = ExistingTables.marker(sample, seed, oracleTargets);
        // Refuses before the first write when any output table holds data the generator did not write.
        java.util.Set<String> done = ExistingTables.alreadyGenerated(new com.alphaleak.io.TableIO(spark), tables.all(), marker);
        TableWriter writer = new TableWriter(spark, started, marker, done);
        WorldSpec spec = WorldSpec.of(sample, seed);
        WalletPopulation wallets = new WalletPopulation(spec);
        CreatorPopulation creators = new CreatorPopulation(spec);
        TokenPlan plan = new TokenPlan(spec, creators);
        writer.log("populations", String.format("%d wallets, %d creators, %d tokens, %d signals", spec.wallets(),
                spec.creators(), spec.tokens(), spec.signals()));

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Broadcast<?>> broadcasts = new ArrayList<>();
        int parts = partitions > 0 ? partitions
                : Math.max(spark.sparkContext().defaultParallelism(), Math.min(400, spec.tokens() / 5000));
        OracleTargets targets = new OracleTargets(oracleTargets);
        TokenStreams streams = new TokenStreams(spark,
                track(broadcasts, jsc.broadcast(new TokenSimulator(spec, wallets, creators, plan, targets))), spec.tokens(), parts);
        Dataset<Row> signalEvents = streams.signalEvents().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> tokenEvents = streams.tokenEvents().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            writer.write(Contracts.SIGNALS, tables.signals(), OutputTables.signals(signalEvents));
            writer.write(Contracts.OUTCOMES, tables.outcomes(), OutputTables.outcomes(signalEvents, SignalEvents.SIGNAL_ID));
            writer.write(Contracts.GENESIS_WINDOWS, tables.genesisWindows(), OutputTables.genesisWindows(tokenEvents));
            writer.write(Contracts.GENESIS_OUTCOMES, tables.genesisOutcomes(), OutputTables.genesisOutcomes(tokenEvents));
            writer.write(Contracts.ORACLE, tables.oracle(), OutputTables.oracle(signalEvents, tokenEvents, targets));
            writer.write(Contracts.TOKEN_STATE, tables.tokenState(), SnapshotSequencer.finish(streams.tokenState(), Contracts.TOKEN_STATE));

            ContextDerivation context = new ContextDerivation(spark, parts);
            Broadcast<WalletHistoryDeriver> history = track(broadcasts, jsc.broadcast(new WalletHistoryDeriver(spec, wallets)));
            writer.write(Contracts.WALLET_SNAPSHOTS, tables.walletSnapshots(), SnapshotSequencer.finish(context.perWallet(
                    signalEvents, spec.wallets(), Contracts.WALLET_SNAPSHOTS, (w, it) -> history.value().snapshots(w, it),
                    w -> history.value().historyRows(w)), Contracts.WALLET_SNAPSHOTS));
            writer.write(Contracts.WALLET_FEATURES, tables.walletFeatures(), SnapshotSequencer.finish(context.perWallet(
                    signalEvents, spec.wallets(), Contracts.WALLET_FEATURES, (w, it) -> history.value().features(w, it),
                    w -> history.value().historyFeatureRows(w)), Contracts.WALLET_FEATURES));

            ClusterActivity clusters = ClusterActivity.of(signalEvents, spec, wallets);
            Broadcast<GraphScoreDeriver> graph = track(broadcasts, jsc.broadcast(new GraphScoreDeriver(spec, wallets, clusters)));
            writer.write(Contracts.GRAPH_SCORES, tables.graphScores(), SnapshotSequencer.finish(context.perWallet(
                    signalEvents, spec.wallets(), Contracts.GRAPH_SCORES, (w, it) -> graph.value().scores(w, it),
                    w -> graph.value().historyRows(w)), Contracts.GRAPH_SCORES));

            Broadcast<CreatorStatsDeriver> creatorStats = track(broadcasts, jsc.broadcast(new CreatorStatsDeriver(spec, creators)));
            writer.write(Contracts.CREATOR_STATS, tables.creatorStats(), SnapshotSequencer.finish(context.perCreator(
                    tokenEvents, spec.creators(), (c, it) -> creatorStats.value().stats(c, it),
                    c -> creatorStats.value().historyRows(c)), Contracts.CREATOR_STATS));

            writer.write(Contracts.MARKET_REGIME, tables.marketRegime(), new MarketRegimeDeriver(spec).derive(spark, tokenEvents));
        } finally {
            signalEvents.unpersist();
            tokenEvents.unpersist();
            broadcasts.forEach(Broadcast::destroy);
        }
        Instant now = Instant.EPOCH.plus(spec.nowMicros(), ChronoUnit.MICROS);
        writer.log("done", "now = " + now);
        return new Result(writer.rows(), writer.elapsedMillis(), now);
    }

    private static <T> Broadcast<T> track(List<Broadcast<?>> all, Broadcast<T> b) {
        all.add(b);
        return b;
    }
}
