package com.alphaleak.features.split;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronologicalSplitTest extends SharedSpark {
    private static final long T0 = Instant.parse("2026-01-05T00:00:00Z").getEpochSecond() * 1_000_000L;
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("signal_time", DataTypes.TimestampType, true)));

    private static Dataset<Row> rows(List<Long> micros) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < micros.size(); i++) {
            Long m = micros.get(i);
            rows.add(RowFactory.create((long) i, m == null ? null : Timestamp.from(ChronologicalSplit.MicrosInstant.of(m))));
        }
        return spark().createDataFrame(rows, SCHEMA);
    }

    private static Map<Long, SplitSide> sides(SplitResult r) {
        Map<Long, SplitSide> out = new HashMap<>();
        for (Row row : r.data().select("id", "split").collectAsList()) {
            out.put(row.getLong(0), SplitSide.valueOf(row.getString(1).toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** Times with many ties: a few clusters of equal timestamps among spread ones. */
    private static List<Long> randomTimes(SplittableRandom rnd, int n) {
        List<Long> times = new ArrayList<>();
        int distinctPool = 1 + rnd.nextInt(Math.max(1, n));
        long spread = rnd.nextBoolean() ? 14L * 86_400_000_000L : 1_000L;
        List<Long> pool = new ArrayList<>();
        for (int i = 0; i < distinctPool; i++) pool.add(T0 + rnd.nextLong(spread));
        for (int i = 0; i < n; i++) times.add(pool.get(rnd.nextInt(pool.size())));
        return times;
    }

    private void assertMatchesReference(List<Long> times, double fv, double fc, int buckets, String what) {
        SplitReference.Expected expected = SplitReference.split(times, fv, fc);
        ChronologicalSplit split = new ChronologicalSplit(fv, fc, "signal_time", "split", buckets);
        if (expected == null) {
            assertThrows(EmptySplitException.class, () -> split.apply(rows(times), "random"), what);
            return;
        }
        SplitResult r = split.apply(rows(times), "random");
        assertEquals(expected.validationStart(), micros(r.validationStart()), what);
        assertEquals(expected.calibrationStart() == null ? null : ChronologicalSplit.MicrosInstant.of(expected.calibrationStart()),
                r.calibrationStart().orElse(null), what);
        assertEquals(List.of(expected.train(), expected.validation(), expected.calibration()),
                List.of(r.trainRows(), r.validationRows(), r.calibrationRows()), what);
        Map<Long, SplitSide> sides = sides(r);
        for (int i = 0; i < times.size(); i++) {
            assertEquals(expected.sideOf(times.get(i)), sides.get((long) i), what + " row " + i);
        }
        // within the tie rule: each held-out slice has at least its requested rows, and any excess
        // comes only from rows tying at its boundary
        long n = times.size();
        long rv = ChronologicalSplit.requestedRows(fv, n, "v", "x");
        long atValidationStart = times.stream().filter(t -> t == expected.validationStart()).count();
        assertTrue(r.validationRows() >= rv && r.validationRows() - rv < atValidationStart, what);
        if (fc > 0) {
            long rc = ChronologicalSplit.requestedRows(fc, n, "c", "x");
            long atCalibrationStart = times.stream().filter(t -> t.equals(expected.calibrationStart())).count();
            assertTrue(r.calibrationRows() >= rc && r.calibrationRows() - rc < atCalibrationStart, what);
        }
    }

    @Test
    void matchesTheSortingReferenceOnRandomInputs() {
        double[] validation = {0.1, 0.15, 0.2, 0.25, 0.5};
        double[] calibration = {0, 0, 0.1, 0.15, 0.2};
        int[] buckets = {8, 64, 512, ChronologicalSplit.DEFAULT_BUCKETS};
        int splittable = 0;
        for (long seed = 0; seed < 24; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Long> times = randomTimes(rnd, 1 + rnd.nextInt(300));
            double fv = validation[rnd.nextInt(validation.length)];
            double fc = calibration[rnd.nextInt(calibration.length)];
            int b = buckets[(int) (seed % buckets.length)];
            String what = "seed " + seed + ": " + times.size() + " rows, " + fv + "/" + fc + ", " + b + " buckets";
            assertMatchesReference(times, fv, fc, b, what);
            if (SplitReference.split(times, fv, fc) != null) splittable++;
        }
        assertTrue(splittable >= 16, "too few random inputs were splittable: " + splittable);
    }

    @Test
    void rowsTyingAtTheBoundaryAllGoToTheNewerSide() {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) times.add(T0 + i * 1_000_000L);
        long tie = T0 + 100 * 1_000_000L;
        for (int i = 0; i < 30; i++) times.add(tie);
        for (int i = 0; i < 10; i++) times.add(tie + 1 + i);
        // 80 rows, 20% asks for 16: the 16th newest row is in the tie, so all 30 tying rows join validation
        SplitResult r = new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(times), "ties");
        assertEquals(tie, micros(r.validationStart()));
        assertEquals(List.of(40L, 40L, 0L), List.of(r.trainRows(), r.validationRows(), r.calibrationRows()));
        Map<Long, SplitSide> sides = sides(r);
        for (int i = 40; i < 70; i++) assertEquals(SplitSide.VALIDATION, sides.get((long) i));
        for (int i = 0; i < 40; i++) assertEquals(SplitSide.TRAIN, sides.get((long) i));
        // a boundary tie deep in the refinement passes gives the same answer
        SplitResult small = new ChronologicalSplit(0.2, 0, "signal_time", "split", 2).apply(rows(times), "ties");
        assertEquals(r.validationStart(), small.validationStart());
    }

    @Test
    void threeWaySplitIsStrictlyOrderedInTime() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) times.add(T0 + rnd.nextLong(5_000) * 60_000_000L);
        SplitResult r = ChronologicalSplit.of(new AlphaLeakConfig.Split(0.15, 0.15), "signal_time").apply(rows(times), "three");
        List<Row> slices = r.data().groupBy("split").agg(min("signal_time").as("lo"), max("signal_time").as("hi"),
                count("*").as("n")).orderBy("lo").collectAsList();
        assertEquals(List.of("train", "validation", "calibration"), slices.stream().map(x -> x.getString(0)).toList());
        for (int i = 1; i < slices.size(); i++) {
            Timestamp olderMax = slices.get(i - 1).getTimestamp(2);
            Timestamp newerMin = slices.get(i).getTimestamp(1);
            assertTrue(olderMax.before(newerMin), slices.get(i - 1) + " overlaps " + slices.get(i));
        }
        assertEquals(r.validationStart(), slices.get(1).getTimestamp(1).toInstant());
        assertEquals(r.calibrationStart().orElseThrow(), slices.get(2).getTimestamp(1).toInstant());
        assertEquals(List.of(r.trainRows(), r.validationRows(), r.calibrationRows()),
                slices.stream().map(x -> x.getLong(3)).toList());
        // 5,000 possible minutes for 2,000 rows: ties are few, so each held-out slice is close to 300 rows
        assertTrue(r.calibrationRows() >= 300 && r.calibrationRows() < 310, r.toString());
        assertTrue(r.validationRows() >= 300 && r.validationRows() < 310, r.toString());
    }

    @Test
    void distinctTimesSplitExactly() {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 100; i++) times.add(T0 + (99 - i) * 7L);
        SplitResult two = new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(times), "exact");
        assertEquals(List.of(80L, 20L, 0L), List.of(two.trainRows(), two.validationRows(), two.calibrationRows()));
        assertEquals(T0 + 80 * 7L, micros(two.validationStart()), "the 20th newest of T0 + 0, 7, ..., 693");
        assertTrue(two.calibrationStart().isEmpty());
        SplitResult three = new ChronologicalSplit(0.15, 0.15, "signal_time", "split").apply(rows(times), "exact");
        assertEquals(List.of(70L, 15L, 15L), List.of(three.trainRows(), three.validationRows(), three.calibrationRows()));
        // 0.15 of 10 rows is 1.5, rounded half up to 2
        SplitResult rounded = new ChronologicalSplit(0.15, 0, "signal_time", "split").apply(rows(times.subList(0, 10)), "exact");
        assertEquals(2, rounded.validationRows());
    }

    @Test
    void largeInputWithCoarseTies() {
        // 300k rows over 1,000 distinct seconds, 300 rows each: 20% asks for 60,000 rows = exactly 200 seconds
        Dataset<Row> big = spark().range(300_000).select(col("id"),
                expr("timestamp_seconds(1767571200 + (id % 1000))").as("signal_time"));
        SplitResult r = new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(big, "big");
        assertEquals(List.of(240_000L, 60_000L), List.of(r.trainRows(), r.validationRows()));
        assertEquals(Instant.ofEpochSecond(1767571200L + 800), r.validationStart());
        // 0.1999 asks for 59,970: the boundary second ties, so its 300 rows stay together in validation
        SplitResult tie = new ChronologicalSplit(0.1999, 0, "signal_time", "split").apply(big, "big");
        assertEquals(60_000L, tie.validationRows());
        assertEquals(60_000L, tie.data().filter(col("split").equalTo("validation")).count());
    }

    @Test
    void emptySlicesAreRejectedNamingTheDataset() {
        List<Long> same = new ArrayList<>();
        for (int i = 0; i < 50; i++) same.add(T0);
        EmptySplitException oneTime = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(same), "signals_v1"));
        assertEquals("signals_v1", oneTime.dataset());
        assertTrue(oneTime.getMessage().contains("found 1 among 50 row(s)"), oneTime.getMessage());

        EmptySplitException none = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(List.of()), "signals_v1"));
        assertTrue(none.getMessage().contains("no rows"), none.getMessage());

        EmptySplitException zero = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(List.of(T0, T0 + 1)), "tiny"));
        assertTrue(zero.getMessage().contains("validation fraction 0.2 of 2 row(s) rounds to 0 rows"), zero.getMessage());

        EmptySplitException twoTimes = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.2, 0.2, "signal_time", "split").apply(rows(List.of(T0, T0, T0 + 1, T0 + 1)), "pair"));
        assertTrue(twoTimes.getMessage().contains("3 slices need at least 3 distinct"), twoTimes.getMessage());

        // the newest time holds 9 of 10 rows: validation (asks 2) takes them all and train keeps 1 row...
        List<Long> heavy = new ArrayList<>(List.of(T0));
        for (int i = 0; i < 9; i++) heavy.add(T0 + 5);
        SplitResult ok = new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(heavy), "heavy");
        assertEquals(1, ok.trainRows());
        // ...but with calibration the tie swallows everything older than validation
        List<Long> heavy3 = new ArrayList<>(heavy);
        heavy3.add(T0 - 5);
        EmptySplitException swallowed = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.2, 0.1, "signal_time", "split").apply(rows(heavy3), "heavy"));
        assertTrue(swallowed.getMessage().contains("calibration takes the newest 9 of 11 row(s)"), swallowed.getMessage());
        // oldest time reached by validation: train empty
        List<Long> oldTie = new ArrayList<>(List.of(T0 + 1, T0 + 2));
        for (int i = 0; i < 8; i++) oldTie.add(T0);
        EmptySplitException noTrain = assertThrows(EmptySplitException.class,
                () -> new ChronologicalSplit(0.5, 0, "signal_time", "split").apply(rows(oldTie), "old"));
        assertTrue(noTrain.getMessage().contains("train would be empty"), noTrain.getMessage());
    }

    @Test
    void badInputAndArguments() {
        List<Long> withNull = new ArrayList<>(List.of(T0, T0 + 1, T0 + 2));
        withNull.add(null);
        DataContractException nulls = assertThrows(DataContractException.class,
                () -> new ChronologicalSplit(0.2, 0, "signal_time", "split").apply(rows(withNull), "signals_v1"));
        assertEquals("signals_v1", nulls.table());
        assertTrue(nulls.getMessage().contains("1 of 4 row(s) have a null 'signal_time'"), nulls.getMessage());

        Dataset<Row> data = rows(List.of(T0, T0 + 1));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.2, 0, "when", "split").apply(data, "d"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.2, 0, "id", "split").apply(data, "d"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.2, 0, "signal_time", "id").apply(data, "d"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0, 0, "t", "s"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(1, 0, "t", "s"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.5, 0.5, "t", "s"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(0.2, -0.1, "t", "s"));
        assertThrows(IllegalArgumentException.class, () -> new ChronologicalSplit(Double.NaN, 0, "t", "s"));
        assertNull(SplitReference.split(List.of(), 0.2, 0));
    }
}
