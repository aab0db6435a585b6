package com.alphaleak.training.data;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
