package com.alphaleak.features.join;

import com.alphaleak.contracts.TableContract;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointInTimeJoinTest extends SharedSpark {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final StructType LEFT = new StructType().add("id", DataTypes.IntegerType).add("wallet", DataTypes.StringType, true)
            .add("signal_time", DataTypes.TimestampType, true);
    private static final StructType RIGHT = new StructType().add("wallet", DataTypes.StringType, true)
            .add("known_at", DataTypes.TimestampType, true).add("snapshot_id", DataTypes.LongType, true)
            .add("a", DataTypes.DoubleType, true).add("b", DataTypes.DoubleType, true);
    private static final StructType RIGHT_DOUBLE_TIE_BREAK = new StructType().add("wallet", DataTypes.StringType, true)
            .add("known_at", DataTypes.TimestampType, true).add("snapshot_id", DataTypes.DoubleType, true)
            .add("a", DataTypes.DoubleType, true).add("b", DataTypes.DoubleType, true);
    private static final List<String> BROUGHT = List.of("a", "b");

    private static Timestamp minute(int m) {
        return Timestamp.from(T0.plusSeconds(60L * m));
    }

    /** A random world with many equal times, tie-break ties, null keys, duplicates and unmatched keys. */
    private record World(Dataset<Row> left, Dataset<Row> right, Duration maxAge) {}

    /** How a random world varies beyond the defaults. */
    private enum Variant {
        /** Integral tie-breaks 0..2 (bigint, as the contracts declare). */
        PLAIN,
        /** Tie-breaks 0, 0.5, ... 2.0 and NaN (double): equal as integers, different as they are. */
        FRACTIONAL_TIE_BREAK,
        /** Hours instead of minutes, and a few times decades away (1969, 1970, 2099) on both sides, as a broken producer writes them. */
        OUTLIER_TIMES
    }

    private static final Timestamp EPOCH_DAY = Timestamp.from(Instant.parse("1970-01-01T00:00:01Z"));
    private static final Timestamp BEFORE_EPOCH = Timestamp.from(Instant.parse("1969-12-31T23:58:30Z"));
    private static final Timestamp FAR_FUTURE = Timestamp.from(Instant.parse("2099-12-31T00:00:00Z"));

    private World world(long seed, boolean keyless) {
        return world(seed, keyless, Variant.PLAIN);
    }

    private World world(long seed, boolean keyless, Variant variant) {
        Random rnd = new Random(seed);
        int keys = 1 + rnd.nextInt(5);
        int span = 5 + rnd.nextInt(60);
        boolean outliers = variant == Variant.OUTLIER_TIMES;
        List<Row> left = new ArrayList<>();
        int nLeft = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(40);
        for (int i = 0; i < nLeft; i++) {
            String k = rnd.nextInt(12) == 0 ? null : "k" + rnd.nextInt(keys + 1); // k<keys> never has right rows
            Timestamp t = rnd.nextInt(25) == 0 ? null : outliers && rnd.nextInt(10) == 0 ? outlier(rnd) : at(rnd.nextInt(span), variant);
            Row r = RowFactory.create(i, k, t);
            left.add(r);
            if (rnd.nextInt(8) == 0) left.add(r); // duplicate event
        }
        List<Row> right = new ArrayList<>();
        int nRight = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(60);
        for (int i = 0; i < nRight; i++) {
            String k = rnd.nextInt(15) == 0 ? null : "k" + rnd.nextInt(keys);
            Timestamp t = rnd.nextInt(30) == 0 ? null : outliers && rnd.nextInt(10) == 0 ? outlier(rnd) : at(rnd.nextInt(span), variant);
            Object tb = rnd.nextInt(10) == 0 ? null : variant == Variant.FRACTIONAL_TIE_BREAK
                    ? (rnd.nextInt(12) == 0 ? Double.NaN : rnd.nextInt(5) / 2.0) : (Object) (long) rnd.nextInt(3);
            right.add(RowFactory.create(k, t, tb, rnd.nextInt(6) == 0 ? null : (double) rnd.nextInt(1000), (double) rnd.nextInt(1000)));
        }
        Duration maxAge = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> Duration.ZERO;
            default -> Duration.ofMinutes(rnd.nextInt(10));
        };
        Dataset<Row> l = spark().createDataFrame(left, LEFT);
        if (keyless) l = l.drop("wallet");
        StructType rightSchema = variant == Variant.FRACTIONAL_TIE_BREAK ? RIGHT_DOUBLE_TIE_BREAK : RIGHT;
        Dataset<Row> r = spark().createDataFrame(right, rightSchema);
        if (keyless) r = r.drop("wallet");
        return new World(l, r, maxAge);
    }

    /** Minutes, or hours for outlier worlds: per-key widths then come out above the one-minute floor. */
    private static Timestamp at(int units, Variant variant) {
        return variant == Variant.OUTLIER_TIMES ? Timestamp.from(T0.plusSeconds(3600L * units)) : minute(units);
    }

    private static Timestamp outlier(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> EPOCH_DAY;
            case 1 -> FAR_FUTURE;
            case 2 -> BEFORE_EPOCH; // negative microseconds: buckets below zero
            default -> Timestamp.from(EPOCH_DAY.toInstant().plusSeconds(60L * rnd.nextInt(5)));
        };
    }

    private static PointInTimeJoin.Builder join(World w, boolean keyless) {
        PointInTimeJoin.Builder b = PointInTimeJoin.builder(w.left(), w.right()).times("signal_time", "known_at")
                .tieBreak("snapshot_id").columns(BROUGHT).maxAge(w.maxAge());
        return keyless ? b.keyless() : b.keys("wallet", "wallet");
    }

    private static List<String> reference(World w, boolean keyless) {
        return AsOfReference.join(w.left(), w.right(), keyless ? null : "wallet", keyless ? null : "wallet",
                "signal_time", "known_at", "snapshot_id", w.maxAge(), BROUGHT);
    }

    @Test
    void sortScanEqualsTheBruteForceReferenceOnRandomWorlds() {
        for (long seed = 0; seed < 30; seed++) {
            World w = world(seed, false);
            List<String> expected = reference(w, false);
            // Narrow buckets force most matches to be carried in from earlier buckets.
            Duration width = seed % 2 == 0 ? Duration.ofMinutes(1 + seed % 7) : null;
            // Every key heavy (threshold 0) in odd seeds, some in others: both paths are checked.
            assertEquals(expected, AsOfReference.rows(join(w, false).strategy(PointInTimeJoin.Strategy.SORT_SCAN)
                    .bucketWidth(width).heavyKeyRows(seed % 3 == 0 ? 0 : 8).heavyKeys(seed % 4 == 1 ? List.of("k0") : List.of())
                    .execute().joined()), "seed " + seed);
        }
    }

    @Test
    void naiveWindowBaselineEqualsTheReferenceToo() {
        for (long seed = 100; seed < 110; seed++) {
            World w = world(seed, false);
            assertEquals(reference(w, false), AsOfReference.rows(join(w, false).strategy(PointInTimeJoin.Strategy.NAIVE_WINDOW)
                    .execute().joined()), "seed " + seed);
        }
    }

    @Test
    void keylessBroadcastSearchEqualsTheReferenceWithoutCrossJoinOrWindow() {
        for (long seed = 200; seed < 215; seed++) {
            World w = world(seed, true);
            PointInTimeJoin.Result r = join(w, true).execute();
            assertEquals(PointInTimeJoin.Strategy.BROADCAST_SEARCH, r.strategyUsed());
            assertEquals(reference(w, true), AsOfReference.rows(r.joined()), "seed " + seed);
            String plan = r.joined().queryExecution().executedPlan().toString();
            for (String bad : List.of("CartesianProduct", "BroadcastNestedLoopJoin", "Window", "Exchange SinglePartition")) {
                assertFalse(plan.contains(bad), bad + " in plan:\n" + plan);
            }
        }
    }

    @Test
    void aHotKeyIsSpreadOverSeveralTasksAndStillExact() {
        Random rnd = new Random(3);
        List<Row> left = new ArrayList<>();
        List<Row> right = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            left.add(RowFactory.create(i, i % 10 == 0 ? "w" + i : "bot", minute(rnd.nextInt(2000))));
        }
        for (int i = 0; i < 6000; i++) {
            right.add(RowFactory.create(i % 20 == 0 ? "w" + (10 * rnd.nextInt(300)) : "bot", minute(rnd.nextInt(2000)), (long) i,
                    rnd.nextDouble(), rnd.nextDouble()));
        }
        World w = new World(spark().createDataFrame(left, LEFT), spark().createDataFrame(right, RIGHT), null);
        // A test-sized table would be coalesced into one partition; at scale AQE merges only small partitions.
        spark().conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        try {
            assertHotKeySpread(w);
        } finally {
            spark().conf().unset("spark.sql.adaptive.coalescePartitions.enabled");
        }
    }

    private void assertHotKeySpread(World w) {
        Dataset<Row> joined = join(w, false).bucketWidth(Duration.ofMinutes(100)).heavyKeyRows(1000).execute().joined();
        long tasksHoldingBot = joined.filter(col("wallet").equalTo("bot")).select(spark_partition_id()).distinct().count();
        assertTrue(tasksHoldingBot >= 2, "the hot key's rows sit in " + tasksHoldingBot + " partition(s)");
        assertEquals(reference(w, false), AsOfReference.rows(joined));
    }

    @Test
    void everyLeftRowIsKeptWithItsColumnsFirst() {
        World w = world(42, false);
        Dataset<Row> joined = join(w, false).matchedTimeAs("matched_at").execute().joined();
        assertEquals(List.of("id", "wallet", "signal_time", "a", "b", "matched_at"), List.of(joined.columns()));
        assertEquals(w.left().count(), joined.count());
        assertTrue(joined.filter(col("matched_at").gt(col("signal_time"))).isEmpty(), "never a row from the future");
    }

    @Test
    void collidingOrMissingColumnsAndMismatchedKeyTypesAreRefused() {
        World w = world(1, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> join(w, false).columns(List.of("wallet")).execute());
        assertTrue(e.getMessage().contains("'wallet' already exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> join(w, false).columns(List.of("nope")).execute());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        Dataset<Row> intKeys = w.right().withColumn("wallet", col("snapshot_id").cast("int"));
        e = assertThrows(IllegalArgumentException.class, () -> PointInTimeJoin.builder(w.left(), intKeys)
                .keys("wallet", "wallet").times("signal_time", "known_at").columns(BROUGHT).execute());
        assertTrue(e.getMessage().contains("key types differ"), e.getMessage());
    }

    // A keyed table must be joined by its key: a forgotten keys(...) used to run a time-only join.

    private static final TableContract WALLET_SCORES = TableContract.builder("wallet_scores").key("wallet", "wallet")
            .knownAt("known_at", "snapshot_id").nullable("a", DataTypes.DoubleType, "a").nullable("b", DataTypes.DoubleType, "b").build();
    private static final TableContract REGIME = TableContract.builder("regime").knownAt("known_at", "snapshot_id")
            .nullable("a", DataTypes.DoubleType, "a").nullable("b", DataTypes.DoubleType, "b").build();

    private static PointInTimeJoin.Builder unkeyed(World w) {
        return PointInTimeJoin.builder(w.left(), w.right()).times("signal_time", "known_at").tieBreak("snapshot_id")
                .columns(BROUGHT).maxAge(w.maxAge());
    }

    @Test
    void aJoinWithNeitherKeysNorKeylessIsRefused() {
        World w = world(5, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).execute());
        assertTrue(e.getMessage().contains("no keys given for the right table") && e.getMessage().contains("keyless()"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).keys("wallet", "wallet").keyless().execute());
        assertTrue(e.getMessage().contains("both given"), e.getMessage());
    }

    @Test
    void aKeyedContractRequiresItsKeyAndAKeylessContractRefusesKeys() {
        World w = world(6, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).contract(WALLET_SCORES).execute());
        assertTrue(e.getMessage().contains("table 'wallet_scores' is keyed by [wallet]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).contract(WALLET_SCORES).keyless().execute());
        assertTrue(e.getMessage().contains("table 'wallet_scores' is keyed by [wallet]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).contract(WALLET_SCORES).keys("wallet", "b").execute());
        assertTrue(e.getMessage().contains("right key 'b' is not the key of table 'wallet_scores'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> unkeyed(w).contract(REGIME).keys("wallet", "wallet").execute());
        assertTrue(e.getMessage().contains("table 'regime' has no key"), e.getMessage());

        assertEquals(reference(w, false), AsOfReference.rows(unkeyed(w).contract(WALLET_SCORES).keys("wallet", "wallet").execute().joined()));
        World global = world(7, true);
        assertEquals(reference(global, true), AsOfReference.rows(unkeyed(global).contract(REGIME).keyless().execute().joined()));
    }

    // The tie-break is compared in its own type: a cast to bigint made 1.9 and 1.2 equal.

    @Test
    void aFractionalTieBreakIsComparedInItsOwnTypeByEveryStrategy() {
        Map<DataType, Object[]> values = new LinkedHashMap<>();
        values.put(DataTypes.DoubleType, new Object[]{1.9, 1.2});
        values.put(DataTypes.FloatType, new Object[]{1.9f, 1.2f});
        values.put(DataTypes.createDecimalType(10, 2), new Object[]{new BigDecimal("1.90"), new BigDecimal("1.20")});
        for (Map.Entry<DataType, Object[]> v : values.entrySet()) {
            StructType rightSchema = new StructType().add("wallet", DataTypes.StringType).add("known_at", DataTypes.TimestampType)
                    .add("rank", v.getKey()).add("a", DataTypes.DoubleType);
            // 40 signals; each key has two rows at one known_at: rank 1.9 (a = 19) and rank 1.2 (a = 12).
            List<Row> left = new ArrayList<>();
            List<Row> right = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                left.add(RowFactory.create(i, "w" + i, minute(2 * i + 1)));
                right.add(RowFactory.create("w" + i, minute(2 * i), v.getValue()[0], 19.0));
                right.add(RowFactory.create("w" + i, minute(2 * i), v.getValue()[1], 12.0));
            }
            Dataset<Row> l = spark().createDataFrame(left, LEFT);
            Dataset<Row> r = spark().createDataFrame(right, rightSchema);
            List<PointInTimeJoin.Builder> joins = List.of(
                    // every key split into one-minute buckets: the winner is carried in from an earlier bucket
                    keyed(l, r).strategy(PointInTimeJoin.Strategy.SORT_SCAN).heavyKeyRows(0).bucketWidth(Duration.ofMinutes(1)),
                    keyed(l, r).strategy(PointInTimeJoin.Strategy.SORT_SCAN),
                    keyed(l, r).strategy(PointInTimeJoin.Strategy.NAIVE_WINDOW),
                    PointInTimeJoin.builder(l.drop("wallet"), r.drop("wallet")).keyless().times("signal_time", "known_at")
                            .tieBreak("rank").columns(List.of("a")));
            for (PointInTimeJoin.Builder j : joins) {
                PointInTimeJoin.Result res = j.execute();
                long wrong = res.joined().filter(col("a").isNull().or(col("a").notEqual(19.0))).count();
                assertEquals(0, wrong, wrong + " of 40 signals took the rank 1.2 row (" + v.getKey().simpleString() + ", "
                        + res.strategyUsed() + ")");
            }
        }
    }

    private static PointInTimeJoin.Builder keyed(Dataset<Row> l, Dataset<Row> r) {
        return PointInTimeJoin.builder(l, r).keys("wallet", "wallet").times("signal_time", "known_at").tieBreak("rank").columns(List.of("a"));
    }

    @Test
    void randomWorldsWithFractionalAndNaNTieBreaksEqualTheReferenceInEveryStrategy() {
        for (long seed = 300; seed < 316; seed++) {
            World w = world(seed, false, Variant.FRACTIONAL_TIE_BREAK);
            List<String> expected = reference(w, false);
            assertEquals(expected, AsOfReference.rows(join(w, false).strategy(PointInTimeJoin.Strategy.SORT_SCAN).heavyKeyRows(0)
                    .bucketWidth(seed % 2 == 0 ? Duration.ofMinutes(1 + seed % 5) : null).execute().joined()), "sort-scan, seed " + seed);
            assertEquals(expected, AsOfReference.rows(join(w, false).strategy(PointInTimeJoin.Strategy.NAIVE_WINDOW).execute().joined()),
                    "window, seed " + seed);
            World global = world(seed, true, Variant.FRACTIONAL_TIE_BREAK);
            assertEquals(reference(global, true), AsOfReference.rows(join(global, true).execute().joined()), "broadcast, seed " + seed);
        }
    }

    @Test
    void aTieBreakThatIsNotNumericDateOrTimestampIsRefusedNamingTableAndColumn() {
        World w = world(8, false);
        Dataset<Row> stringRank = w.right().withColumn("snapshot_id", col("snapshot_id").cast("string"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointInTimeJoin.builder(w.left(), stringRank)
                .contract(WALLET_SCORES).keys("wallet", "wallet").times("signal_time", "known_at").tieBreak("snapshot_id")
                .columns(BROUGHT).execute());
        assertTrue(e.getMessage().contains("tie-break column 'snapshot_id' of table 'wallet_scores' is string"), e.getMessage());
    }

    // Bucket widths come from each heavy key's own time quantiles: one 1970 signal used to stretch
    // the single global width (min..max of all signal times / 512) from minutes to weeks.

    @Test
    void anOutlierTimeNeitherWidensTheHotKeysBucketsNorPutsItBackIntoOneTask() {
        Random rnd = new Random(3);
        List<Row> left = new ArrayList<>();
        List<Row> right = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            left.add(RowFactory.create(i, i % 10 == 0 ? "w" + i : "bot", minute(rnd.nextInt(2000))));
        }
        left.add(RowFactory.create(3000, "bot", Timestamp.from(Instant.parse("1970-01-02T00:00:00Z"))));
        left.add(RowFactory.create(3001, "w10", Timestamp.from(Instant.parse("1970-01-02T00:00:00Z"))));
        for (int i = 0; i < 6000; i++) {
            right.add(RowFactory.create(i % 20 == 0 ? "w" + (10 * rnd.nextInt(300)) : "bot", minute(rnd.nextInt(2000)), (long) i,
                    rnd.nextDouble(), rnd.nextDouble()));
        }
        right.add(RowFactory.create("bot", Timestamp.from(Instant.parse("1970-01-01T12:00:00Z")), 6000L, 1.0, 1.0));
        right.add(RowFactory.create("bot", Timestamp.from(Instant.parse("2099-01-01T00:00:00Z")), 6001L, 2.0, 2.0));
        World w = new World(spark().createDataFrame(left, LEFT), spark().createDataFrame(right, RIGHT), null);
        PointInTimeJoin.Builder join = join(w, false).heavyKeyRows(1000);

        Map<Object, Long> widths = new SortScanAsOf(join).widthsMicros();
        assertEquals(List.of("bot"), List.copyOf(widths.keySet()), "only the hot key is split");
        long width = widths.get("bot");
        // Its middle 80% spans about 1,600 minutes: 1,600 / 512 is about 3 minutes.
        assertTrue(width >= 60_000_000L && width <= 5 * 60_000_000L, "width " + width / 1e6 + " s");
        Map<Long, Integer> perBucket = new HashMap<>();
        int hotRows = 0;
        for (Row r : w.left().filter(col("wallet").equalTo("bot")).select("signal_time")
                .union(w.right().filter(col("wallet").equalTo("bot")).select("known_at")).collectAsList()) {
            perBucket.merge(Math.floorDiv(AsOfColumns.micros(r.get(0)), width), 1, Integer::sum);
            hotRows++;
        }
        int most = perBucket.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(perBucket.size() >= 300 && perBucket.size() <= 2 * SortScanAsOf.TARGET_BUCKETS,
                perBucket.size() + " buckets for the hot key");
        assertTrue(most <= hotRows / 100, "one bucket holds " + most + " of the hot key's " + hotRows + " rows");

        // A test-sized table would be coalesced into one partition; at scale AQE merges only small partitions.
        spark().conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        try {
            Dataset<Row> joined = join.execute().joined();
            Row tasks = joined.filter(col("wallet").equalTo("bot")).groupBy(spark_partition_id()).agg(count(lit(1)).as("n"))
                    .agg(max("n"), sum("n"), count(lit(1))).first();
            assertTrue(tasks.getLong(0) <= tasks.getLong(1) / 2, "one task holds " + tasks.getLong(0) + " of the hot key's "
                    + tasks.getLong(1) + " rows, over " + tasks.getLong(2) + " task(s)");
            assertEquals(reference(w, false), AsOfReference.rows(joined));
        } finally {
            spark().conf().unset("spark.sql.adaptive.coalescePartitions.enabled");
        }
    }

    @Test
    void perKeyQuantileBucketsEqualTheReferenceOnRandomWorldsWithOutlierTimes() {
        for (long seed = 400; seed < 424; seed++) {
            World w = world(seed, false, Variant.OUTLIER_TIMES);
            PointInTimeJoin.Builder j = join(w, false).strategy(PointInTimeJoin.Strategy.SORT_SCAN).heavyKeyRows(seed % 3 == 0 ? 4 : 0);
            // Planning on an equal, cheaper copy of the left keys and times gives the same rows.
            if (seed % 2 == 1) j.leftStatsFrom(w.left().select("signal_time", "wallet"));
            assertEquals(reference(w, false), AsOfReference.rows(j.execute().joined()), "seed " + seed);
        }
    }
}
