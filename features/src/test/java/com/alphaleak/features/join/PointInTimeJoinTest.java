package com.alphaleak.features.join;

import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
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
    private static final List<String> BROUGHT = List.of("a", "b");

    private static Timestamp minute(int m) {
        return Timestamp.from(T0.plusSeconds(60L * m));
    }

    /** A random world with many equal times, tie-break ties, null keys, duplicates and unmatched keys. */
    private record World(Dataset<Row> left, Dataset<Row> right, Duration maxAge) {}

    private World world(long seed, boolean keyless) {
        Random rnd = new Random(seed);
        int keys = 1 + rnd.nextInt(5);
        int span = 5 + rnd.nextInt(60);
        List<Row> left = new ArrayList<>();
        int nLeft = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(40);
        for (int i = 0; i < nLeft; i++) {
            String k = rnd.nextInt(12) == 0 ? null : "k" + rnd.nextInt(keys + 1); // k<keys> never has right rows
            Timestamp t = rnd.nextInt(25) == 0 ? null : minute(rnd.nextInt(span));
            Row r = RowFactory.create(i, k, t);
            left.add(r);
            if (rnd.nextInt(8) == 0) left.add(r); // duplicate event
        }
        List<Row> right = new ArrayList<>();
        int nRight = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(60);
        for (int i = 0; i < nRight; i++) {
            String k = rnd.nextInt(15) == 0 ? null : "k" + rnd.nextInt(keys);
            Timestamp t = rnd.nextInt(30) == 0 ? null : minute(rnd.nextInt(span));
            Long tb = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(3);
            right.add(RowFactory.create(k, t, tb, rnd.nextInt(6) == 0 ? null : (double) rnd.nextInt(1000), (double) rnd.nextInt(1000)));
        }
        Duration maxAge = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> Duration.ZERO;
            default -> Duration.ofMinutes(rnd.nextInt(10));
        };
        Dataset<Row> l = spark().createDataFrame(left, LEFT);
        if (keyless) l = l.drop("wallet");
        Dataset<Row> r = spark().createDataFrame(right, RIGHT);
        if (keyless) r = r.drop("wallet");
        return new World(l, r, maxAge);
    }

    private static PointInTimeJoin.Builder join(World w, boolean keyless) {
        PointInTimeJoin.Builder b = PointInTimeJoin.builder(w.left(), w.right()).times("signal_time", "known_at")
                .tieBreak("snapshot_id").columns(BROUGHT).maxAge(w.maxAge());
        return keyless ? b : b.keys("wallet", "wallet");
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
}
