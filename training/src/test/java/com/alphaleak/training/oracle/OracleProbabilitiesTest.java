package com.alphaleak.training.oracle;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.features.dataset.DatasetWriter;
import com.alphaleak.io.TableIO;
import com.alphaleak.registry.FeatureRegistry;
import com.alphaleak.registry.FeatureSpec;
import com.alphaleak.registry.RegistryVersion;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.SampleDatasets;
import com.alphaleak.training.backtest.ThresholdHits;
import com.alphaleak.training.data.MatrixCollector;
import com.alphaleak.training.data.SplitMatrices;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle is an evaluation input only, aligned with the validation matrix row for row. */
class OracleProbabilitiesTest extends SharedSpark {

    @Test
    void theOracleIsNeverAFeatureAndLinesUpWithTheValidationMatrix() {
        SampleDatasets.World world = SampleDatasets.sharedSignalWorld(spark());
        AlphaLeakConfig config = world.config();
        DatasetWriter.Outcome ds = world.dataset();
        Dataset<Row> rows = spark().read().format("delta").load(ds.path());
        Dataset<Row> oracle = new TableIO(spark()).readRaw(config.tables().oracle());

        // never a feature, never a column of a training set
        for (RegistryVersion v : RegistryVersion.values()) {
            for (FeatureSpec f : FeatureRegistry.of(v).features()) {
                assertFalse(f.sourceTable().equals(config.tables().oracle().name()), v + " feature " + f.name() + " reads the oracle");
            }
        }
        for (String c : rows.columns()) {
            assertFalse(List.of(oracle.columns()).contains(c) && !c.equals("target"), "dataset column " + c + " comes from the oracle");
            assertFalse(c.toLowerCase().contains("oracle"), c);
        }

        String target = "reach_2x_1h";
        SplitMatrices m = MatrixCollector.collect("signal dataset", rows, ds.manifest().featureNames(), target,
                ds.manifest().idColumn(), ds.manifest().timeColumn(), ds.manifest().splitColumn());
        OracleProbabilities.Slice both = OracleProbabilities.of(m.validation().labels(), rows, oracle, "signal", target,
                ds.manifest().idColumn(), ds.manifest().timeColumn(), ds.manifest().splitColumn(), "validation");
        double[] p = both.oracle();
        assertEquals(m.validation().rows(), p.length, "one oracle value per validation matrix row");
        assertTrue(Arrays.stream(p).noneMatch(Double::isNaN), "the sample world has an oracle probability for every signal");
        assertTrue(Arrays.stream(both.noForesight()).noneMatch(Double::isNaN), "and one without foresight");
        // Without foresight the ranking is blurred: never sharper than the oracle that knows the end.
        int[] labels = m.validation().labels();
        OracleComparison withCeiling = OracleComparison.of("validation", both.noForesight(), p, both.noForesight(), labels, List.of(0.8));
        assertTrue(withCeiling.ceilingPrAuc() < withCeiling.oraclePrAuc(), withCeiling.toString());
        assertEquals(1.0, withCeiling.ceilingRatio(), 1e-12);
        int[] shifted = Arrays.copyOf(m.validation().labels(), m.validation().rows());
        int firstPositive = 0;
        while (shifted[firstPositive] == 0) firstPositive++;
        shifted[firstPositive] = 0; // one label out of place: the alignment check refuses it
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> OracleProbabilities.of(shifted, rows, oracle,
                "signal", target, ds.manifest().idColumn(), ds.manifest().timeColumn(), ds.manifest().splitColumn(), "validation"));

        // the oracle against itself: ratio 1; threshold counts by brute force
        int[] y = m.validation().labels();
        OracleComparison self = OracleComparison.of("validation", p, p, y, List.of(0.8, 0.9));
        assertEquals(1.0, self.ratio(), 1e-12);
        assertEquals(p.length, self.rows());
        long n = 0, hits = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= 0.8) {
                n++;
                hits += y[i];
            }
        }
        ThresholdHits at08 = self.oracleThresholds().get(0);
        assertEquals(n, at08.signals());
        assertEquals(hits, at08.hits());
        // the simulator draws outcomes from these probabilities: the oracle is calibrated on its own rows
        double mean = Arrays.stream(p).average().orElseThrow();
        double rate = Arrays.stream(y).average().orElseThrow();
        assertEquals(mean, rate, 4 * Math.sqrt(mean * (1 - mean) / p.length) + 0.005, "oracle mean p vs hit rate");
    }

    @Test
    void rowsWithoutAnOracleProbabilityAreLeftOutOfBothSides() {
        double[] model = {0.9, 0.1, 0.85, 0.2};
        double[] oracle = {0.95, Double.NaN, 0.5, 0.1};
        int[] y = {1, 1, 0, 0};
        OracleComparison c = OracleComparison.of("test", model, oracle, y, List.of(0.8));
        assertEquals(3, c.rows());
        assertEquals(1, c.positives());
        assertEquals(2, c.modelThresholds().get(0).signals());
        assertEquals(1, c.oracleThresholds().get(0).signals());
        assertEquals(1.0, c.oraclePrAuc(), 1e-12);
        assertEquals("test", c.slice());
    }
}
