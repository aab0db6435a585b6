package com.alphaleak.training.data;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.expr;

class LabelledRowsTest extends SharedSpark {
    private static final List<String> FEATURES = List.of("f0", "f1", "f2");
    private static final List<String> TARGETS = List.of("a", "b");

    /** A row as the test builds it: (id, time, split, label a, label b, features). */
    private record Source(String id, Long time, String split, Integer a, Integer b, Double[] f) {}

    @Test
    void eachTargetGetsItsLabelledRowsInTimeAndIdOrderAsTheOneTargetCollectorGaveThem() {
        Random rnd = new Random(7);
        List<Source> source = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // few distinct times, so the id breaks many ties; nulls in times, labels and features
            Long time = rnd.nextDouble() < 0.02 ? null : 1_000_000L * rnd.nextInt(200);
            String split = rnd.nextDouble() < 0.6 ? "train" : rnd.nextDouble() < 0.7 ? "validation" : "calibration";
            Double[] f = new Double[FEATURES.size()];
            for (int c = 0; c < f.length; c++) f[c] = rnd.nextDouble() < 0.1 ? null : rnd.nextGaussian();
            source.add(new Source("s" + rnd.nextInt(1_000_000) + "-" + i, time, split,
                    rnd.nextDouble() < 0.2 ? null : rnd.nextInt(2), rnd.nextDouble() < 0.5 ? null : rnd.nextInt(2), f));
        }
        Dataset<Row> data = frame(source).repartition(7);

        LabelledRows rows = LabelledRows.collect("t", data, FEATURES, TARGETS, "id", "time", "split");
        assertEquals(source.stream().filter(s -> s.a() != null || s.b() != null).count(), rows.rows(),
                "rows labelled for neither target are left out");
        for (String target : TARGETS) {
            SplitMatrices got = rows.forTarget(target);
            SplitMatrices oneTarget = MatrixCollector.collect("t", data, FEATURES, target, "id", "time", "split");
            for (String side : List.of("train", "validation", "calibration")) {
                DenseMatrix expected = reference(source, target, side);
                assertMatrixEquals(expected, slice(got, side), target + " " + side);
                assertMatrixEquals(expected, slice(oneTarget, side), target + " " + side + " (one target)");
            }
        }
    }

    @Test
    void aTargetWithoutPositivesInASliceIsABreachOfContractNamingTheTableAndColumn() {
        List<Source> source = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            source.add(new Source("s" + i, (long) i, i < 30 ? "train" : "validation", i % 2, i < 30 ? i % 2 : 0, new Double[] {1.0, 2.0, 3.0}));
        }
        LabelledRows rows = LabelledRows.collect("signal dataset", frame(source), FEATURES, TARGETS, "id", "time", "split");
        assertEquals(30, rows.forTarget("a").train().rows());
        assertNull(rows.forTarget("a").calibration(), "no calibration rows, no calibration slice");
        DataContractException e = assertThrows(DataContractException.class, () -> rows.forTarget("b"));
        assertEquals("signal dataset", e.table());
        assertTrue(e.getMessage().contains("column b: no positives among the 10 labelled rows of the validation slice"), e.getMessage());
    }

    @Test
    void missingColumnsAreNamedBeforeAnythingIsCollected() {
        Dataset<Row> data = frame(List.of(new Source("s", 1L, "train", 1, 0, new Double[] {1.0, 2.0, 3.0}))).drop("f1");
        DataContractException e = assertThrows(DataContractException.class,
                () -> LabelledRows.collect("signal dataset", data, FEATURES, List.of("a", "c"), "id", "time", "split"));
        assertTrue(e.getMessage().contains("missing column(s) [f1, c]"), e.getMessage());
    }

    @Test
    void aPeakLabelledTargetsTrainingSliceLearnsFromItsSoftLabelWhileEverySliceKeepsItsZeroOneLabels() {
        Random rnd = new Random(11);
        List<Source> source = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String split = i < 900 ? "train" : i < 1200 ? "validation" : "calibration";
            source.add(new Source("s" + i, (long) rnd.nextInt(300), split, rnd.nextDouble() < 0.2 ? null : rnd.nextInt(2), rnd.nextInt(2),
                    new Double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()}));
        }
        // A peak that agrees with label a (>= 2 exactly for a positive), spread by the id.
        Dataset<Row> data = frame(source).repartition(5).withColumn("pk", expr(
                "CAST(CASE WHEN a IS NULL THEN NULL WHEN a = 1 THEN 2 + (abs(hash(id)) % 50) / 10.0 ELSE 1 + (abs(hash(id)) % 100) / 101.0 END AS DOUBLE)"));
        PeakLabel peak = new PeakLabel("pk", 2.0, 0.3);
        LabelledRows rows = LabelledRows.collect("t", data, FEATURES, TARGETS, Map.of("a", peak), "id", "time", "split");
        SplitMatrices a = rows.forTarget("a");
        SplitMatrices plain = MatrixCollector.collect("t", data, FEATURES, "a", "id", "time", "split");
        assertArrayEquals(plain.train().values(), a.train().values(), "the same rows, in the same order");
        assertArrayEquals(plain.train().labels(), a.train().labels());
        // The soft label of each training row, by brute force from the same row's peak.
        Map<String, Double> peaks = new java.util.HashMap<>();
        for (Row r : data.where("a IS NOT NULL AND split = 'train'").select("id", "pk").collectAsList()) peaks.put(r.getString(0), r.getDouble(1));
        List<String> trainIds = data.where("a IS NOT NULL AND split = 'train'").orderBy("time", "id").select("id").as(Encoders.STRING()).collectAsList();
        float[] expected = new float[trainIds.size()];
        for (int i = 0; i < expected.length; i++) {
            double pk = peaks.get(trainIds.get(i));
            expected[i] = (float) (1 / (1 + Math.exp(-(Math.log(pk) - Math.log(2.0)) / 0.3)));
        }
        assertArrayEquals(expected, a.train().targets(), 1e-6f);
        assertTrue(a.train().softTargets());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(a.train().labels()[i] == 1, a.train().targets()[i] >= 0.5f, "soft label on the label's side of 0.5, row " + i);
        }
        assertNull(a.validation().targets(), "early stopping reads 0/1 labels");
        assertNull(a.calibration().targets(), "Platt and the test metrics read 0/1 labels");
        assertNull(rows.forTarget("b").train().targets(), "a target without a peak label learns from its labels");
    }

    @Test
    void aPeakThatIsMissingOrContradictsItsLabelIsABreachOfContractNamingTheColumnAndRows() {
        List<Source> source = new ArrayList<>();
        for (int i = 0; i < 40; i++) source.add(new Source("s" + i, (long) i, i < 30 ? "train" : "validation", i % 2, 0, new Double[] {1.0, 2.0, 3.0}));
        Dataset<Row> data = frame(source).withColumn("peak_multiple_1h", expr(
                "CASE WHEN id = 's3' THEN 1.5 WHEN id = 's8' THEN NULL WHEN a = 1 THEN 2.5 ELSE 1.2 END"));
        DataContractException e = assertThrows(DataContractException.class, () -> LabelledRows.collect("signal dataset", data, FEATURES,
                TARGETS, Map.of("a", new PeakLabel("peak_multiple_1h", 2.0, 0.3)), "id", "time", "split"));
        assertEquals("signal dataset", e.table());
        assertTrue(e.getMessage().contains("column peak_multiple_1h: 2 row(s) labelled for a"), e.getMessage());
        assertTrue(e.getMessage().contains("s3") && e.getMessage().contains("s8"), e.getMessage());

        DataContractException old = assertThrows(DataContractException.class, () -> LabelledRows.collect("signal dataset",
                frame(source), FEATURES, TARGETS, Map.of("a", new PeakLabel("peak_multiple_1h", 2.0, 0.3)), "id", "time", "split"));
        assertTrue(old.getMessage().contains("missing column(s) [peak_multiple_1h]") && old.getMessage().contains("build-dataset again"),
                old.getMessage());
    }

    private Dataset<Row> frame(List<Source> source) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("id", DataTypes.StringType, false),
                DataTypes.createStructField("time", DataTypes.TimestampType, true),
                DataTypes.createStructField("split", DataTypes.StringType, false),
                DataTypes.createStructField("a", DataTypes.IntegerType, true),
                DataTypes.createStructField("b", DataTypes.IntegerType, true)));
        for (String f : FEATURES) fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, true));
        List<Row> rows = new ArrayList<>();
        for (Source s : source) {
            Object[] v = new Object[5 + FEATURES.size()];
            v[0] = s.id();
            v[1] = s.time() == null ? null : new Timestamp(s.time());
            v[2] = s.split();
            v[3] = s.a();
            v[4] = s.b();
            System.arraycopy(s.f(), 0, v, 5, FEATURES.size());
            rows.add(RowFactory.create(v));
        }
        return spark().createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
    }

    /** The slice by brute force: sort by (time, id) as Spark does (null first), keep the target's labelled rows of that slice. */
    private static DenseMatrix reference(List<Source> source, String target, String side) {
        List<Source> sorted = new ArrayList<>(source);
        sorted.sort(Comparator.comparing(Source::time, Comparator.nullsFirst(Comparator.<Long>naturalOrder())).thenComparing(Source::id));
        List<double[]> values = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Source s : sorted) {
            Integer y = target.equals("a") ? s.a() : s.b();
            if (y == null || !s.split().equals(side)) continue;
            double[] row = new double[FEATURES.size()];
            for (int c = 0; c < row.length; c++) row[c] = s.f()[c] == null ? Double.NaN : s.f()[c];
            values.add(row);
            labels.add(y);
        }
        return DenseMatrix.ofRows(values, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static DenseMatrix slice(SplitMatrices m, String side) {
        return switch (side) {
            case "train" -> m.train();
            case "validation" -> m.validation();
            default -> m.calibration();
        };
    }

    private static void assertMatrixEquals(DenseMatrix expected, DenseMatrix actual, String what) {
        assertTrue(expected.rows() > 100, what + ": the fixture has rows in every slice");
        assertEquals(expected.rows(), actual.rows(), what + " rows");
        assertArrayEquals(expected.labels(), actual.labels(), what + " labels");
        assertArrayEquals(expected.values(), actual.values(), what + " values (NaN for null)");
    }
}
