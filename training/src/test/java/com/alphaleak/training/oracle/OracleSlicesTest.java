package com.alphaleak.training.oracle;

import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.SampleDatasets;
import com.alphaleak.training.data.LabelledRows;
import com.alphaleak.training.data.SplitMatrices;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pass over the oracle table gives every target of a dataset what a brute-force lookup gives. */
class OracleSlicesTest extends SharedSpark {

    @Test
    void oneReadForAllTargetsEqualsABruteForceLookupPerTargetAndLinesUpWithTheMatrices() throws Exception {
        SampleDatasets.World world = SampleDatasets.sharedSignalWorld(spark());
        DatasetManifest m = world.dataset().manifest();
        Dataset<Row> oracle = new TableIO(spark()).readRaw(world.config().tables().oracle());
        // The shared world trains one target; a second one, labelled on other rows (every third
        // row unlabelled), is looked up in the oracle under its own name.
        String first = m.trainableTargets().get(0);
        String second = "reach_2x_10m";
        assertTrue(!first.equals(second) && !oracle.where("target = '" + second + "'").isEmpty(), "the oracle has " + second);
        Dataset<Row> rows = spark().read().format("delta").load(world.dataset().path())
                .withColumn(second, org.apache.spark.sql.functions.expr("CASE WHEN hash(" + m.idColumn() + ") % 3 = 0 THEN NULL ELSE "
                        + "cast(hash(" + m.idColumn() + ", 7) % 4 = 0 AS INT) END"));
        List<String> targets = List.of(first, second);

        // brute force on the driver: (entity, target) -> (p, no-foresight); slice rows sorted by (time, id)
        Map<String, double[]> byKey = new HashMap<>();
        for (Row r : oracle.where("entity_kind = 'signal'").select("entity_id", "target", "probability",
                OracleProbabilities.NO_FORESIGHT).collectAsList()) {
            byKey.put(r.getString(0) + "|" + r.getString(1), new double[]{r.getDouble(2), r.isNullAt(3) ? Double.NaN : r.getDouble(3)});
        }
        List<Row> slice = new ArrayList<>(rows.where(m.splitColumn() + " = 'validation'").collectAsList());
        slice.sort(Comparator.comparing((Row r) -> (Timestamp) r.getAs(m.timeColumn())).thenComparing(r -> r.<Object>getAs(m.idColumn()).toString()));

        SharedOracleSlices shared = new SharedOracleSlices(() -> rows, () -> oracle, "signal", targets, m.idColumn(), m.timeColumn(),
                m.splitColumn());
        LabelledRows labelled = LabelledRows.collect("signal dataset", rows, m.featureNames(), targets, m.idColumn(), m.timeColumn(),
                m.splitColumn());
        // two targets ask at once: one read
        List<Callable<OracleProbabilities.Slice>> asks = new ArrayList<>();
        Map<String, SplitMatrices> matrices = new HashMap<>();
        for (String t : targets) {
            matrices.put(t, labelled.forTarget(t));
            asks.add(() -> shared.forTarget(t, "validation", matrices.get(t).validation().labels()));
        }
        List<OracleProbabilities.Slice> got = com.alphaleak.concurrent.InOrderParallel.run(asks, 2, "oracle-ask");
        assertEquals(1, shared.reads(), "one pass over the oracle table for " + targets.size() + " targets");

        for (int k = 0; k < targets.size(); k++) {
            String t = targets.get(k);
            List<Double> p = new ArrayList<>(), nf = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (Row r : slice) {
                if (r.isNullAt(r.fieldIndex(t))) continue;
                double[] v = byKey.getOrDefault(r.<Object>getAs(m.idColumn()).toString() + "|" + t, new double[]{Double.NaN, Double.NaN});
                p.add(v[0]);
                nf.add(v[1]);
                y.add(((Number) r.getAs(t)).intValue());
            }
            assertArrayEquals(y.stream().mapToInt(Integer::intValue).toArray(), matrices.get(t).validation().labels(), t + " labels");
            assertArrayEquals(p.stream().mapToDouble(Double::doubleValue).toArray(), got.get(k).oracle(), t + " oracle");
            assertArrayEquals(nf.stream().mapToDouble(Double::doubleValue).toArray(), got.get(k).noForesight(), t + " no foresight");
        }
        // a matrix that does not line up is refused, naming the target and slice
        int[] wrong = matrices.get(targets.get(0)).validation().labels().clone();
        wrong[wrong.length - 1] = 1 - wrong[wrong.length - 1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.forTarget(targets.get(0), "validation", wrong));
        assertTrue(e.getMessage().contains(targets.get(0) + "/validation"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> shared.forTarget(targets.get(1), "validation", new int[3]));
        assertEquals(1, shared.reads());
    }
}
