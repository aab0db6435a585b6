package com.alphaleak.features.join;

import com.alphaleak.features.join.PointInTimeJoin.Strategy;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointInTimeJoinTest extends SharedSpark {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> BROUGHT = List.of("a", "b");
    private static final Duration[] MAX_AGES = {null, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(7)};

    private static Timestamp minute(int m) {
        return Timestamp.from(T0.plusSeconds(60L * m));
    }

    private static StructType leftSchema(DataType key) {
        return new StructType().add("id", DataTypes.IntegerType).add("wallet", key, true).add("signal_time", DataTypes.TimestampType, true);
    }

    private static StructType rightSchema(DataType key) {
        return new StructType().add("wallet", key, true).add("known_at", DataTypes.TimestampType, true)
                .add("snapshot_id", DataTypes.LongType, true).add("a", DataTypes.DoubleType, true).add("b", DataTypes.DoubleType, true);
    }

    /** Both sides of one or more random worlds; keyless worlds have no wallet column. */
    private record World(Dataset<Row> left, Dataset<Row> right, boolean keyless, List<Object> someKeys) {}

    /**
     * Random worlds on a minute grid, so that equal times (left and right, right and right), ties on
     * the tie-break, full ties and ages exactly at a whole-minute bound are all common. Per world:
     * null keys and times on both sides, duplicated left rows, a key with left rows only, keys with
     * right rows only, sometimes no left or no right rows. Keyed worlds get keys of their own, so
     * several of them run as one join.
     */
    private World worlds(long firstSeed, int count, boolean keyless, boolean longKeys) {
        List<Row> left = new ArrayList<>();
        List<Row> right = new ArrayList<>();
        List<Object> someKeys = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            Random rnd = new Random(seed);
            int keys = 1 + rnd.nextInt(5);
            int span = 5 + rnd.nextInt(60);
            long world = seed;
            java.util.function.IntFunction<Object> key = k -> longKeys ? (Object) (world * 100 + k) : "s" + world + ":k" + k;
            someKeys.add(key.apply(0));
            int nLeft = rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(40);
            for (int i = 0; i < nLeft; i++) {
                Object k = rnd.nextInt(12) == 0 ? null : key.apply(rnd.nextInt(keys + 1)); // key <keys> has no right rows
                Timestamp t = rnd.nextInt(25) == 0 ? null : minute(rnd.nextInt(span));
                Row r = RowFactory.create(left.size(), k, t);
                left.add(r);
                if (rnd.nextInt(8) == 0) left.add(r);
            }
            int nRight = rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(60);
            for (int i = 0; i < nRight; i++) {
                Object k = rnd.nextInt(15) == 0 ? null : key.apply(rnd.nextInt(keys));
                Timestamp t = rnd.nextInt(30) == 0 ? null : minute(rnd.nextInt(span));
                Long tb = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(3);
                right.add(RowFactory.create(k, t, tb, rnd.nextInt(6) == 0 ? null : (double) rnd.nextInt(1000), (double) rnd.nextInt(1000)));
            }
        }
        DataType keyType = longKeys ? DataTypes.LongType : DataTypes.StringType;
        Dataset<Row> l = spark().createDataFrame(left, leftSchema(keyType));
        Dataset<Row> r = spark().createDataFrame(right, rightSchema(keyType));
        if (keyless) {
            l = l.drop("wallet");
            r = r.drop("wallet");
        }
        return new World(l, r, keyless, someKeys);
    }

    private static PointInTimeJoin.Builder join(World w, Duration maxAge) {
        PointInTimeJoin.Builder b = PointInTimeJoin.builder(w.left(), w.right()).times("signal_time", "known_at")
                .tieBreak("snapshot_id").columns(BROUGHT).matchedTimeAs("matched_at").maxAge(maxAge);
        return w.keyless() ? b : b.keys("wallet", "wallet");
    }

    private static List<String> reference(World w, Duration maxAge) {
        String key = w.keyless() ? null : "wallet";
        return AsOfReference.join(w.left(), w.right(),
                new AsOfReference.Spec(key, key, "signal_time", "known_at", "snapshot_id", maxAge, BROUGHT, "matched_at"));
    }

    private static void assertMatchesReference(World w, Duration maxAge, PointInTimeJoin.Builder join, Strategy expected, String what) {
        PointInTimeJoin.Result r = join.execute();
        assertEquals(expected, r.strategyUsed(), what);
        assertEquals(reference(w, maxAge), AsOfReference.rows(r.joined()), what + ", max age " + maxAge);
    }

    @Test
    void sortScanEqualsTheBruteForceReferenceOnRandomWorlds() {
        // 3 ways of bucketing x 2 max ages each (every max age used), 8 worlds per join: 48 worlds in 6 joins.
        for (int i = 0; i < 2; i++) {
            Duration maxAge = MAX_AGES[2 * i];
            World plain = worlds(1000 + 100L * i, 8, false, false);
            assertMatchesReference(plain, maxAge, join(plain, maxAge), Strategy.SORT_SCAN, "no heavy key, AUTO");

            // Every key heavy and narrow buckets: most winners are carried in from earlier buckets.
            Duration narrowAge = MAX_AGES[2 * i + 1];
            World narrow = worlds(1010 + 100L * i, 8, false, false);
            assertMatchesReference(narrow, narrowAge, join(narrow, narrowAge).strategy(Strategy.SORT_SCAN).heavyKeyRows(0)
                    .bucketWidth(Duration.ofMinutes(1 + 3 * i)), Strategy.SORT_SCAN, "all keys heavy, " + (1 + 3 * i) + " min buckets");

            // Long keys, some heavy by count and some named by the caller, default bucket width.
            Duration namedAge = MAX_AGES[(2 * i + 3) % MAX_AGES.length];
            World named = worlds(1020 + 100L * i, 8, false, true);
            assertMatchesReference(named, namedAge, join(named, namedAge).strategy(Strategy.SORT_SCAN).heavyKeyRows(8)
                    .heavyKeys(named.someKeys().subList(0, 3)), Strategy.SORT_SCAN, "long keys, some heavy");
        }
    }

    @Test
    void naiveWindowBaselineEqualsTheReferenceToo() {
        for (int m = 0; m < MAX_AGES.length; m++) {
            World w = worlds(2000 + 100L * m, 6, false, false);
            assertMatchesReference(w, MAX_AGES[m], join(w, MAX_AGES[m]).strategy(Strategy.NAIVE_WINDOW), Strategy.NAIVE_WINDOW, "naive");
        }
    }

    @Test
    void keylessBroadcastSearchEqualsTheReferenceWithoutCrossJoinOrSinglePartition() {
        for (long seed = 3000; seed < 3010; seed++) {
            World w = worlds(seed, 1, true, false);
            Duration maxAge = MAX_AGES[(int) (seed % MAX_AGES.length)];
            PointInTimeJoin.Result r = join(w, maxAge).execute();
            assertEquals(Strategy.BROADCAST_SEARCH, r.strategyUsed());
            assertEquals(reference(w, maxAge), AsOfReference.rows(r.joined()), "seed " + seed);
            String plan = r.joined().queryExecution().executedPlan().toString();
            for (String bad : List.of("CartesianProduct", "BroadcastNestedLoopJoin", "Window", "SinglePartition")) {
                assertFalse(plan.contains(bad), bad + " in plan:\n" + plan);
            }
            if (seed % 3 == 0) {
                assertEquals(reference(w, maxAge), AsOfReference.rows(join(w, maxAge).strategy(Strategy.NAIVE_WINDOW).execute().joined()),
                        "naive keyless, seed " + seed);
            }
        }
    }

    @Test
    void emptySidesGiveEveryLeftRowWithNullsOrNoRows() {
        World w = worlds(7, 1, false, false);
        World noRight = new World(w.left(), w.right().limit(0), false, List.of());
        World noLeft = new World(w.left().limit(0), w.right(), false, List.of());
        World keylessNoRight = new World(w.left().drop("wallet"), w.right().drop("wallet").limit(0), true, List.of());
        List<Row> leftRows = w.left().collectAsList();
        assertFalse(leftRows.isEmpty(), "world 7 has left rows");
        for (PointInTimeJoin.Builder b : List.of(join(noRight, null).strategy(Strategy.SORT_SCAN),
                join(noRight, null).strategy(Strategy.NAIVE_WINDOW), join(keylessNoRight, null))) {
            List<Row> out = b.execute().joined().collectAsList();
            assertEquals(leftRows.size(), out.size());
            for (Row r : out) {
                for (int i = r.length() - 3; i < r.length(); i++) assertTrue(r.isNullAt(i), r.toString());
            }
        }
        for (Strategy s : List.of(Strategy.SORT_SCAN, Strategy.NAIVE_WINDOW)) {
            Dataset<Row> out = join(noLeft, null).strategy(s).execute().joined();
            assertEquals(List.of("id", "wallet", "signal_time", "a", "b", "matched_at"), List.of(out.columns()));
            assertTrue(out.isEmpty(), s.name());
        }
    }

    @Test
    void fullTiesTakeOneWholeRowTheSameOnEveryStrategy() {
        Timestamp t = minute(10);
        List<Row> right = List.of(RowFactory.create("w", t, 5L, 1.0, 10.0), RowFactory.create("w", t, 5L, 2.0, 20.0),
                RowFactory.create("w", t, 4L, 3.0, 30.0), RowFactory.create("w", minute(9), 9L, 4.0, 40.0));
        World w = new World(spark().createDataFrame(List.of(RowFactory.create(0, "w", minute(10))), leftSchema(DataTypes.StringType)),
                spark().createDataFrame(right, rightSchema(DataTypes.StringType)), false, List.of());
        List<String> expected = reference(w, null);
        List<Row> got = join(w, null).strategy(Strategy.SORT_SCAN).heavyKeyRows(0).execute().joined().collectAsList();
        // Time and tie-break leave rows 0 and 1; their a and b come out together, never mixed.
        assertTrue(got.get(0).getDouble(3) * 10 == got.get(0).getDouble(4), got.toString());
        for (Strategy s : List.of(Strategy.SORT_SCAN, Strategy.NAIVE_WINDOW)) {
            assertEquals(expected, AsOfReference.rows(join(w, null).strategy(s).execute().joined()), s.name());
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
            right.add(RowFactory.create(i % 20 == 0 ? "w" + (10 * rnd.nextInt(300)) : "bot", minute(rnd.nextInt(2000)), (long) rnd.nextInt(50),
                    rnd.nextDouble(), rnd.nextDouble()));
        }
        World w = new World(spark().createDataFrame(left, leftSchema(DataTypes.StringType)),
                spark().createDataFrame(right, rightSchema(DataTypes.StringType)), false, List.of());
        // A test-sized table would be coalesced into one partition; at scale AQE merges only small partitions.
        spark().conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
        try {
            Dataset<Row> scan = join(w, null).bucketWidth(Duration.ofMinutes(100)).heavyKeyRows(1000).execute().joined();
            long scanTasks = partitionsHolding(scan, "bot");
            assertTrue(scanTasks >= 3, "SORT_SCAN: the hot key's rows sit in " + scanTasks + " partition(s)");
            assertEquals(reference(w, null), AsOfReference.rows(scan));
            // The baseline shows what the assertion guards against: one key, one task.
            assertEquals(1, partitionsHolding(join(w, null).strategy(Strategy.NAIVE_WINDOW).execute().joined(), "bot"));
        } finally {
            spark().conf().unset("spark.sql.adaptive.coalescePartitions.enabled");
        }
    }

    private static long partitionsHolding(Dataset<Row> joined, String key) {
        return joined.filter(col("wallet").equalTo(key)).select(spark_partition_id()).distinct().count();
    }

    @Test
    void everyLeftRowIsKeptWithItsColumnsFirstAndNothingFromTheFuture() {
        World w = worlds(42, 3, false, false);
        Dataset<Row> joined = join(w, null).execute().joined();
        assertEquals(List.of("id", "wallet", "signal_time", "a", "b", "matched_at"), List.of(joined.columns()));
        assertEquals(w.left().count(), joined.count());
        assertTrue(joined.filter(col("matched_at").gt(col("signal_time"))).isEmpty(), "never a row from the future");
        assertNotEquals(0, joined.filter(col("matched_at").isNotNull()).count(), "the world has matches");
    }

    @Test
    void aKeylessTableOverTheBroadcastLimitIsRefused() {
        World w = worlds(5, 1, true, false);
        long rows = w.right().filter(col("known_at").isNotNull()).count();
        assertTrue(rows > 3, "world too small for this test: " + rows);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> join(w, null).broadcastLimit(3).execute());
        assertTrue(e.getMessage().contains("broadcast limit of 3"), e.getMessage());
        assertEquals(w.left().count(), join(w, null).broadcastLimit(rows).execute().joined().count());
    }

    @Test
    void collidingReservedOrMissingColumnsAndMismatchedKeyTypesAreRefused() {
        World w = worlds(1, 1, false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> join(w, null).columns(List.of("wallet")).execute());
        assertTrue(e.getMessage().contains("'wallet' already exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> join(w, null).matchedTimeAs("signal_time").execute());
        assertTrue(e.getMessage().contains("'signal_time' already exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> join(w, null).columns(List.of("nope")).execute());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        World reserved = new World(w.left(), w.right().withColumnRenamed("b", "__pit_b"), false, List.of());
        e = assertThrows(IllegalArgumentException.class, () -> join(reserved, null).columns(List.of("a")).execute());
        assertTrue(e.getMessage().contains("__pit_b"), e.getMessage());
        Dataset<Row> intKeys = w.right().withColumn("wallet", col("snapshot_id").cast("int"));
        e = assertThrows(IllegalArgumentException.class, () -> PointInTimeJoin.builder(w.left(), intKeys)
                .keys("wallet", "wallet").times("signal_time", "known_at").columns(BROUGHT).execute());
        assertTrue(e.getMessage().contains("key types differ"), e.getMessage());
        Dataset<Row> stringTimes = w.right().withColumn("known_at", col("known_at").cast("string"));
        e = assertThrows(IllegalArgumentException.class, () -> PointInTimeJoin.builder(w.left(), stringTimes)
                .keys("wallet", "wallet").times("signal_time", "known_at").columns(BROUGHT).execute());
        assertTrue(e.getMessage().contains("must be timestamp"), e.getMessage());
        Dataset<Row> fractionalTieBreak = w.right().withColumn("snapshot_id", col("snapshot_id").cast("double"));
        e = assertThrows(IllegalArgumentException.class, () -> PointInTimeJoin.builder(w.left(), fractionalTieBreak)
                .keys("wallet", "wallet").times("signal_time", "known_at").tieBreak("snapshot_id").columns(BROUGHT).execute());
        assertTrue(e.getMessage().contains("must be an integral type"), e.getMessage());
        assertEquals(List.of("id", "wallet", "signal_time"), Arrays.asList(w.left().columns()));
    }
}
