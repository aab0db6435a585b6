package com.alphaleak.ingest.bench;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.ingest.IngestJob;
import com.alphaleak.ingest.LiveCredentials;
import com.alphaleak.ingest.LiveDatabase;
import com.alphaleak.ingest.live.LiveSchema;
import com.alphaleak.ingest.testing.PostgresServer;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/benchmark ingest [SIGNALS [WALLETS [CHANGED_SHARE]]]}: ingest throughput against a local
 * PostgreSQL (the test server). Append: SIGNALS rows of the live signals table read with 1 and with 8
 * JDBC partitions into a fresh Delta table each (after a 20,000-row warm-up, so JIT and the first
 * Delta commit of the JVM are not measured). Snapshot: a first capture of WALLETS wallet-feature rows,
 * then CHANGED_SHARE of them updated in place and the change pass timed. Prints one line per measurement.
 */
public final class IngestBenchmark {
    private static final List<String> SOURCES = List.of("signals", "outcomes", "wallet-snapshots", "wallet-features",
            "creator-stats", "token-state", "graph-scores", "market-regime", "genesis-windows", "genesis-outcomes");

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("pass")) {
            pass(args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
            return;
        }
        int signals = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int wallets = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        double changed = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
        Path work = Files.createTempDirectory("alphaleak-ingest-bench-");
        SparkSession spark = session("ingest-bench");
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.createDatabase("bench");
            LiveDatabase setup = new LiveDatabase(url, credentials(pg, defaults()), 10_000);
            setup.execute(LiveSchema.SIGNALS.createSql("bench_signals"), LiveSchema.WALLET_FEATURES.createSql("bench_wallet_features"));
            fillSignals(setup, "warmup_signals", 20_000);
            fillSignals(setup, "bench_signals", signals);
            System.out.printf("machine: %d cores, load %s, PostgreSQL on 127.0.0.1 (fsync off)%n",
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
            append(spark, pg, url, work, "warmup", "warmup_signals", 20_000, 2);
            for (int partitions : new int[]{1, 8}) {
                append(spark, pg, url, work, "p" + partitions, "bench_signals", signals, partitions);
            }
            snapshot(spark, pg, url, work, setup, wallets, changed);
        } finally {
            spark.stop();
        }
    }

    /**
     * {@code bin/benchmark ingest pass [SIGNALS]}: whole ingest passes (all 10 sources) of a generated
     * sample world of SIGNALS signals played into PostgreSQL, one source at a time against
     * {@code ingest.parallel-sources = 4}, each into fresh Delta tables: the first pass at the world's
     * midpoint (everything new), the second at its end (half a world of new rows, changed snapshots).
     * Both settings must ingest the same rows.
     */
    private static void pass(int signals) throws Exception {
        Path work = Files.createTempDirectory("alphaleak-ingest-pass-");
        SparkSession spark = session("ingest-pass-bench");
        Map<String, String> size = Map.of("sample.signals", String.valueOf(signals),
                "sample.wallets", String.valueOf(Math.max(150, signals / 10)), "sample.creators", String.valueOf(Math.max(80, signals / 25)));
        try (PostgresServer pg = PostgresServer.start()) {
            Map<String, String> w = new LinkedHashMap<>(size);
            w.put("run.work-dir", work.resolve("world").toString());
            AlphaLeakConfig world = ConfigLoader.load(Optional.empty(), w);
            var generated = com.alphaleak.sample.SampleWorldGenerator.generate(spark, world);
            Instant end = generated.now();
            Instant start = world.sample().start();
            Instant mid = start.plus(java.time.Duration.between(start, end).dividedBy(2));
            System.out.printf("machine: %d cores, load %s; world: %,d signals over %d days%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).trim(), signals, world.sample().days());
            // warm-up: JIT and the JVM's first Delta commits are not measured
            timePasses(spark, pg, world, work, "warmup", 4, List.of(mid));
            List<long[]> rows = new java.util.ArrayList<>();
            for (int parallel : new int[]{1, 4}) {
                rows.add(timePasses(spark, pg, world, work, "p" + parallel, parallel, List.of(mid, end)));
            }
            if (!java.util.Arrays.equals(rows.get(0), rows.get(1))) {
                throw new IllegalStateException("the settings ingested different rows: " + java.util.Arrays.toString(rows.get(0))
                        + " vs " + java.util.Arrays.toString(rows.get(1)));
            }
        } finally {
            spark.stop();
        }
    }

    private static SparkSession session(String name) {
        SparkSession.Builder b = SparkSession.builder().master("local[*]").appName(name)
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        SparkSessions.deltaAndDefaults(8).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Rows committed per pass. */
    private static long[] timePasses(SparkSession spark, PostgresServer pg, AlphaLeakConfig world, Path work, String name, int parallel,
                                     List<Instant> at) {
        String url = pg.createDatabase("pass_" + name);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run.work-dir", work.resolve(name).toString());
        m.put("ingest.url", url);
        m.put("ingest.parallel-sources", String.valueOf(parallel));
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), m);
        LiveDatabase db = new LiveDatabase(url, credentials(pg, c), 10_000);
        var loader = new com.alphaleak.ingest.live.LiveWorldLoader(spark, db, world.tables());
        loader.createSchema();
        long[] rows = new long[at.size()];
        for (int i = 0; i < at.size(); i++) {
            loader.advanceTo(at.get(i));
            long t0 = System.nanoTime();
            IngestJob.Result r = IngestJob.with(spark, c.ingest(), db).knownAt(at.get(i)).execute();
            double s = (System.nanoTime() - t0) / 1e9;
            rows[i] = r.sources().stream().mapToLong(IngestJob.SourceResult::rows).sum();
            System.out.printf("pass %-6s parallel-sources %d, pass %d at %s: %,d rows committed over %d sources in %5.1f s%n",
                    name, parallel, i + 1, at.get(i), rows[i], r.sources().size(), s);
        }
        return rows;
    }

    private static void append(SparkSession spark, PostgresServer pg, String url, Path work, String name, String table,
                               int rows, int partitions) {
        AlphaLeakConfig c = config(url, work.resolve(name), "signals", Map.of("ingest.sources.signals.from", table,
                "ingest.sources.signals.partitions", String.valueOf(partitions)));
        long t0 = System.nanoTime();
        IngestJob.Result r = IngestJob.with(spark, c.ingest(), new LiveDatabase(url, credentials(pg, c), 10_000)).execute();
        double s = (System.nanoTime() - t0) / 1e9;
        long n = r.sources().get(0).rows();
        if (n != rows) throw new IllegalStateException("expected " + rows + " rows, ingested " + n);
        System.out.printf("append %-7s %,10d signals, %d JDBC partition(s): %6.1f s, %,8.0f rows/s%n", name, n, partitions, s, n / s);
    }

    private static void snapshot(SparkSession spark, PostgresServer pg, String url, Path work, LiveDatabase db, int wallets, double share) {
        db.execute("INSERT INTO bench_wallet_features SELECT 'w' || lpad(i::text, 9, '0')"
                + repeat(", random() * 100", LiveSchema.WALLET_FEATURES.storedColumns().size() - 1)
                + ", now() FROM generate_series(1, " + wallets + ") AS i");
        AlphaLeakConfig c = config(url, work.resolve("snapshot"), "wallet-features",
                Map.of("ingest.sources.wallet-features.from", "bench_wallet_features"));
        LiveDatabase live = new LiveDatabase(url, credentials(pg, c), 10_000);
        Instant t = Instant.parse("2026-01-05T00:00:00Z");
        long t0 = System.nanoTime();
        long first = IngestJob.with(spark, c.ingest(), live).knownAt(t).execute().sources().get(0).rows();
        double s1 = (System.nanoTime() - t0) / 1e9;
        int n = (int) Math.round(wallets * share);
        db.execute("UPDATE bench_wallet_features SET tokens_traded = tokens_traded + 1 WHERE wallet IN "
                + "(SELECT wallet FROM bench_wallet_features ORDER BY md5(wallet) LIMIT " + n + ")");
        long t1 = System.nanoTime();
        long second = IngestJob.with(spark, c.ingest(), live).knownAt(t.plusSeconds(1800)).execute().sources().get(0).rows();
        double s2 = (System.nanoTime() - t1) / 1e9;
        if (second != n) throw new IllegalStateException("expected " + n + " changed rows, captured " + second);
        System.out.printf("snapshot first capture: %,d wallet rows appended in %.1f s%n", first, s1);
        System.out.printf("snapshot change pass:   %,d wallet rows read, %,d changed (%.1f%%) appended in %.1f s%n",
                wallets, second, share * 100, s2);
    }

    private static void fillSignals(LiveDatabase db, String table, int n) {
        db.execute("CREATE TABLE IF NOT EXISTS " + table + " (LIKE bench_signals INCLUDING ALL)",
                "INSERT INTO " + table + " (id, wallet, token, creator, fired_at, buy_rank, sol_amount, token_age_seconds,"
                        + " buy_velocity_60s, buy_velocity_300s, rule_score, crowding_ratio, tracked_wallets_in_token)"
                        + " SELECT 's' || lpad(i::text, 10, '0'), 'w' || (i % 50000), 't' || (i / 4), 'c' || (i % 7000),"
                        + " TIMESTAMPTZ '2026-01-05 00:00:00+00' + i * interval '500 milliseconds', (i % 50) + 1, random() * 5,"
                        + " random() * 3600, random() * 20, random() * 10, random() * 100, random(), i % 9"
                        + " FROM generate_series(1, " + n + ") AS i",
                "CREATE INDEX IF NOT EXISTS " + table + "_fired ON " + table + " (fired_at)",
                "ANALYZE " + table);
    }

    private static String repeat(String s, int n) {
        return s.repeat(Math.max(0, n));
    }

    private static AlphaLeakConfig defaults() {
        return ConfigLoader.defaults();
    }

    private static AlphaLeakConfig config(String url, Path work, String only, Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run.work-dir", work.toString());
        m.put("ingest.url", url);
        for (String s : SOURCES) if (!s.equals(only)) m.put("ingest.sources." + s, "null");
        m.putAll(extra);
        return ConfigLoader.load(Optional.empty(), m);
    }

    private static LiveCredentials credentials(PostgresServer pg, AlphaLeakConfig c) {
        return LiveCredentials.resolve(c.ingest(), Map.of(c.ingest().userEnv(), pg.user(), c.ingest().passwordEnv(), pg.password()));
    }
}
