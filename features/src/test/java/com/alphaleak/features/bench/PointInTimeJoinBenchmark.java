package com.alphaleak.features.bench;

import com.alphaleak.features.join.PointInTimeJoin;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Point-in-time join on a key-skewed world ({@link SkewedWorld}): SORT_SCAN against the textbook
 * window join (NAIVE_WINDOW) and a Feast-style join ({@link FeastStyleJoin}), in one JVM, on the
 * same cached inputs. Not a unit test: a command, results in docs/benchmarks.md.
 *
 * <p>Run from the repository root (arguments = event counts; snapshots are 5x):
 * <pre>
 *   bin/benchmark join 250000 1000000 4000000
 * </pre>
 * which compiles features' test classes and runs this class with {@code java -Xmx10g}, the
 * {@code --add-opens} flags Spark needs on Java 17 and the test classpath. Options (system
 * properties, e.g. {@code JAVA_TOOL_OPTIONS=-Dfeast.limit.seconds=60}): {@code partitions} (32:
 * input and shuffle partitions), {@code right.per.left} (5), {@code bot.left.share} (0.02),
 * {@code bot.right.share} (0.10), {@code feast.limit.seconds} (240: the Feast-style job is
 * cancelled after this), {@code feast.pair.limit} (2e9: beyond this many candidate pairs it is not
 * started), {@code strategies} (sort-scan,naive-window,feast-style), {@code bench.stages} (false:
 * print per-stage task times).
 *
 * <p>Every strategy's output is checked against SORT_SCAN's row by row (a full outer join on the
 * event id, null-safe comparison of the brought columns), outside the timed run.
 */
public final class PointInTimeJoinBenchmark {
    private static final String SCAN = "sort-scan";
    private static final String WINDOW = "naive-window";
    private static final String FEAST = "feast-style";

    private final SparkSession spark;
    private final TaskTimes tasks = new TaskTimes();
    private final long feastLimitSeconds = Long.getLong("feast.limit.seconds", 240);
    private final double feastPairLimit = Double.parseDouble(System.getProperty("feast.pair.limit", "2e9"));
    private final boolean printStages = Boolean.getBoolean("bench.stages");

    private PointInTimeJoinBenchmark(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(tasks);
    }

    public static void main(String[] args) {
        List<Long> sizes = args.length == 0 ? List.of(250_000L, 1_000_000L) : Arrays.stream(args).map(Long::parseLong).toList();
        int partitions = Integer.getInteger("partitions", 32);
        int rightPerLeft = Integer.getInteger("right.per.left", 5);
        List<String> strategies = List.of(System.getProperty("strategies", SCAN + "," + WINDOW + "," + FEAST).split(","));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("pit-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(partitions))
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        SkewedWorld world = new SkewedWorld(spark, partitions, Double.parseDouble(System.getProperty("bot.left.share", "0.02")),
                Double.parseDouble(System.getProperty("bot.right.share", "0.10")));
        System.out.printf("%d cores, max heap %.1f GiB, Java %s, local[2], %d partitions%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30), System.getProperty("java.version"), partitions);
        try {
            new PointInTimeJoinBenchmark(spark).runAll(world, sizes, rightPerLeft, strategies);
        } finally {
            spark.stop();
        }
    }

    private void runAll(SkewedWorld world, List<Long> sizes, int rightPerLeft, List<String> strategies) {
        // Warm-up (JIT, code generation), not reported.
        Dataset<Row> wl = world.events(20_000);
        Dataset<Row> wr = world.snapshots(20_000L * rightPerLeft);
        for (String s : strategies) {
            if (!s.equals(FEAST)) measure(s, () -> asOf(wl, wr, s));
        }
        System.out.printf("%n%-9s %-13s %8s %9s %9s %10s %9s %8s %9s %6s %s%n", "events", "strategy", "seconds", "vs window", "vs feast",
                "events/s", "max task", "max/med", "critical", "tasks", "rows differing from sort-scan");
        for (long n : sizes) {
            Dataset<Row> left = world.events(n).cache();
            Dataset<Row> right = world.snapshots(rightPerLeft * n).cache();
            left.count();
            right.count();
            System.out.println(describe(left, right));
            Map<String, Measured> results = new LinkedHashMap<>();
            for (String s : strategies) {
                if (s.equals(FEAST)) {
                    double pairs = FeastStyleJoin.candidatePairs(left, right);
                    results.put(s, pairs > feastPairLimit ? Measured.skipped(String.format("not started: %.2g candidate pairs", pairs))
                            : measureWithLimit(s, () -> FeastStyleJoin.join(left, right), pairs));
                } else {
                    results.put(s, measure(s, () -> asOf(left, right, s)));
                }
            }
            print(n, results, left, right);
            left.unpersist(true);
            right.unpersist(true);
        }
    }

    private static Dataset<Row> asOf(Dataset<Row> left, Dataset<Row> right, String strategy) {
        PointInTimeJoin.Strategy s = strategy.equals(SCAN) ? PointInTimeJoin.Strategy.SORT_SCAN : PointInTimeJoin.Strategy.NAIVE_WINDOW;
        return PointInTimeJoin.builder(left, right).keys("wallet", "wallet").times("signal_time", "known_at")
                .tieBreak("snapshot_id").columns(List.of("a", "b")).strategy(s).execute().joined();
    }

    private Dataset<Row> rebuild(String strategy, Dataset<Row> left, Dataset<Row> right) {
        return strategy.equals(FEAST) ? FeastStyleJoin.join(left, right) : asOf(left, right, strategy);
    }

    private void print(long n, Map<String, Measured> results, Dataset<Row> left, Dataset<Row> right) {
        Measured window = results.get(WINDOW);
        Measured feast = results.get(FEAST);
        for (Map.Entry<String, Measured> e : results.entrySet()) {
            Measured m = e.getValue();
            if (m.seconds < 0) {
                System.out.printf("%-9d %-13s %8s %9s %9s %10s %9s %8s %9s %6s %s%n", n, e.getKey(), "-", "-", "-", "-", "-", "-", "-", "-", m.note);
                continue;
            }
            String vsWindow = window == null || window.seconds < 0 ? "-" : String.format("%.2fx", window.seconds / m.seconds);
            String vsFeast = feast == null ? "-" : feast.seconds >= 0 ? String.format("%.2fx", feast.seconds / m.seconds)
                    : feast.note.startsWith("cancelled") ? String.format(">%.0fx", feastLimitSeconds / m.seconds) : "-";
            String check;
            if (e.getKey().equals(SCAN) || !results.containsKey(SCAN)) {
                check = m.rows == n ? "(reference) " + m.rows + " rows" : "ROW COUNT " + m.rows + " != " + n;
            } else {
                long differing = differingRows(rebuild(SCAN, left, right), rebuild(e.getKey(), left, right));
                check = differing + (m.rows == n ? "" : ", ROW COUNT " + m.rows + " != " + n);
            }
            System.out.printf("%-9d %-13s %8.1f %9s %9s %10.0f %9.1f %8.1f %9.1f %6d %s%n", n, e.getKey(), m.seconds, vsWindow, vsFeast,
                    n / m.seconds, m.times.maxTask(), m.times.maxTask() / Math.max(1e-3, m.times.medianTask()), m.times.criticalPath(),
                    m.times.tasks(), check + (m.note.isEmpty() ? "" : "; " + m.note));
            if (printStages) System.out.print(m.stages);
        }
    }

    /** Rows of each side, and how skewed the snapshots are: the largest key and the top 1% of non-bot wallets. */
    private static String describe(Dataset<Row> left, Dataset<Row> right) {
        long l = left.count();
        long r = right.count();
        Dataset<Row> perWallet = right.groupBy("wallet").agg(count(lit(1)).as("n"));
        long largest = perWallet.orderBy(desc("n")).first().getLong(1);
        Dataset<Row> people = perWallet.filter(not(col("wallet").startsWith("bot-")));
        long peopleRows = people.agg(sum("n")).first().getLong(0);
        long top = people.orderBy(desc("n")).limit(SkewedWorld.WALLETS / 100).agg(sum("n")).first().getLong(0);
        return String.format("world: %,d events, %,d snapshots; largest wallet %.1f%% of snapshots; top 1%% of %,d other wallets %.1f%% of theirs",
                l, r, 100.0 * largest / r, SkewedWorld.WALLETS, 100.0 * top / peopleRows);
    }

    /** Rows present on one side only or with different brought values (null-safe), by event id. */
    static long differingRows(Dataset<Row> x, Dataset<Row> y) {
        Dataset<Row> a = x.select(col("event_id").as("id1"), col("a").as("a1"), col("b").as("b1"));
        Dataset<Row> b = y.select(col("event_id").as("id2"), col("a").as("a2"), col("b").as("b2"));
        return a.join(b, a.col("id1").equalTo(b.col("id2")), "full_outer")
                .filter(col("id1").isNull().or(col("id2").isNull()).or(not(col("a1").eqNullSafe(col("a2"))))
                        .or(not(col("b1").eqNullSafe(col("b2")))))
                .count();
    }

    private record Measured(double seconds, long rows, TaskTimes.Summary times, String stages, String note) {
        static Measured skipped(String why) {
            return new Measured(-1, -1, null, "", why);
        }
    }

    /** Times the join up to a full aggregate over its output (every brought value is read). */
    private Measured measure(String name, Supplier<Dataset<Row>> join) {
        System.gc();
        tasks.reset();
        long t0 = System.nanoTime();
        Row f = join.get().agg(count(lit(1)), sum(xxhash64(col("event_id"), col("a"), col("b")).cast("decimal(38,0)"))).first();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Measured(seconds, f.getLong(0), tasks.summary(), tasks.stages(), "");
    }

    /** As {@link #measure}, cancelled after the Feast limit. */
    private Measured measureWithLimit(String name, Supplier<Dataset<Row>> join, double pairs) {
        String group = "limited-" + System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(() -> spark.sparkContext().cancelJobGroup(group), feastLimitSeconds, TimeUnit.SECONDS);
        spark.sparkContext().setJobGroup(group, name, true);
        try {
            Measured m = measure(name, join);
            return new Measured(m.seconds, m.rows, m.times, m.stages, String.format("%.2g candidate pairs", pairs));
        } catch (Exception e) {
            // Spark reports the cancellation as a SparkException, undeclared in Java.
            return Measured.skipped(String.format("cancelled after %d s (%.2g candidate pairs)", feastLimitSeconds, pairs));
        } finally {
            spark.sparkContext().clearJobGroup();
            timer.shutdownNow();
        }
    }
}
