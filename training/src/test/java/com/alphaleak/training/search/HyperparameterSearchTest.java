package com.alphaleak.training.search;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.tpe.Distribution;
import com.alphaleak.testing.SharedSpark;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperparameterSearchTest extends SharedSpark {
    private static final SplitMatrices DATA = SyntheticMatrices.of(11, 3000, 1000, 6, 0.12);
    private static final BoosterTrial TRIAL = new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), 60, 10);

    private static Map<String, Distribution> space() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("num_leaves", new Distribution.IntRange(4, 64, false));
        s.put("learning_rate", new Distribution.FloatRange(0.01, 0.3, true));
        s.put("min_child_samples", new Distribution.IntRange(5, 100, false));
        s.put("feature_fraction", new Distribution.FloatRange(0.5, 1.0, false));
        return s;
    }

    @Test
    void aTrialInASparkTaskGivesTheSameModelAsOnTheDriver() throws Exception {
        TrialSpec spec = new TrialSpec(0, Map.of("num_leaves", 31, "learning_rate", 0.07, "min_child_samples", 20,
                "feature_fraction", 0.8), 1);
        TrialResult driver = new DriverTrialExecutor(DATA, TRIAL, 1).run(spec);
        try (SparkTaskTrialExecutor tasks = new SparkTaskTrialExecutor(spark(), DATA, TRIAL, 0, 1)) {
            TrialResult task = tasks.run(spec);
            assertEquals(driver.modelSha256(), task.modelSha256(), "model text hash");
            assertEquals(driver.value(), task.value());
            assertEquals(driver.bestIteration(), task.bestIteration());
            assertTrue(task.worker().startsWith("executor "), task.worker());
        }
    }

    @Test
    void aThrowingTrialTaskIsRetriedOrRecordedAndTheSearchCompletes() {
        FlakyTrial flaky = new FlakyTrial(TRIAL, Set.of(2), Set.of(4), false);
        List<SearchProgress> progress = new ArrayList<>();
        HyperparameterSearch.Result r;
        try (SparkTaskTrialExecutor tasks = new SparkTaskTrialExecutor(spark(), DATA, flaky, 2, 1)) {
            r = HyperparameterSearch.over(space()).trials(8).parallelism(2).startupTrials(4).seed(3).retries(1)
                    .executor(tasks).onProgress(progress::add).execute();
        }
        assertEquals(8, r.trials().size());
        TrialResult retried = r.trials().get(2);
        assertEquals(TrialResult.Status.COMPLETE, retried.status());
        assertEquals(2, retried.attempts());
        TrialResult broken = r.trials().get(4);
        assertEquals(TrialResult.Status.FAILED, broken.status());
        assertEquals(2, broken.attempts());
        assertTrue(broken.error().contains("injected failure in trial 4"), broken.error());
        assertEquals(1, r.failed());
        assertEquals(8, progress.size());
        assertEquals(8, progress.get(7).done());
        assertTrue(r.best().isPresent() && r.best().get().complete());
        for (int i = 0; i < 8; i++) assertEquals(i, r.trials().get(i).number());
    }

    @Test
    void parallelSearchIsReproducibleWhateverOrderTrialsFinishIn() {
        FlakyTrial shuffled = new FlakyTrial(TRIAL, Set.of(), Set.of(), true);
        List<List<Integer>> finishOrders = new ArrayList<>();
        List<HyperparameterSearch.Result> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            List<Integer> order = new ArrayList<>();
            try (SparkTaskTrialExecutor tasks = new SparkTaskTrialExecutor(spark(), DATA, shuffled, 2, 1)) {
                runs.add(HyperparameterSearch.over(space()).trials(12).parallelism(2).startupTrials(3).seed(9)
                        .executor(tasks).onProgress(p -> order.add(p.finished().number())).execute());
            }
            finishOrders.add(order);
        }
        assertTrue(finishOrders.stream().anyMatch(o -> !o.equals(o.stream().sorted().toList())),
                "trials must have finished out of order for this test to mean anything: " + finishOrders);
        for (int i = 0; i < 12; i++) {
            assertEquals(runs.get(0).trials().get(i).params(), runs.get(1).trials().get(i).params(), "trial " + i);
            assertEquals(runs.get(0).trials().get(i).value(), runs.get(1).trials().get(i).value(), "trial " + i);
        }
        assertEquals(runs.get(0).best().map(TrialResult::number), runs.get(1).best().map(TrialResult::number));
    }

    @Test
    void dataParallelTrialsAreSynapseMlFitsScoredOnTheValidationSlice() {
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
        for (String f : DATA.featureNames()) schema = schema.add(f, org.apache.spark.sql.types.DataTypes.DoubleType);
        schema = schema.add("label", org.apache.spark.sql.types.DataTypes.IntegerType).add("split", org.apache.spark.sql.types.DataTypes.StringType);
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        for (String side : List.of("train", "validation")) {
            com.alphaleak.training.data.DenseMatrix m = side.equals("train") ? DATA.train() : DATA.validation();
            for (int i = 0; i < m.rows(); i++) {
                Object[] v = new Object[m.cols() + 2];
                for (int c = 0; c < m.cols(); c++) v[c] = m.get(i, c);
                v[m.cols()] = m.labels()[i];
                v[m.cols() + 1] = side;
                rows.add(org.apache.spark.sql.RowFactory.create(v));
            }
        }
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame = com.alphaleak.training.fit.TrainingFrame.of(
                spark().createDataFrame(rows, schema), DATA.featureNames(), "label", "split");
        HyperparameterSearch.Result r;
        try (SynapseMlTrialExecutor ex = new SynapseMlTrialExecutor(frame, DATA.featureNames(), DATA.validation(),
                DATA.balancedScalePosWeight(), 42, 60, com.alphaleak.training.lightgbm.Patience.fixed(10), 1)) {
            r = HyperparameterSearch.over(space()).trials(2).parallelism(1).seed(5).executor(ex).execute();
        }
        assertEquals("data-parallel", r.mode());
        for (TrialResult t : r.trials()) {
            assertEquals(TrialResult.Status.COMPLETE, t.status(), String.valueOf(t.error()));
            assertTrue(t.value() > 0.3 && t.value() <= 1.0, "validation PR-AUC of a learnable problem: " + t.value());
            assertTrue(t.bestIteration() >= 1);
        }
    }

    @Test
    void warmStartParametersAreTheFirstTrial() {
        Map<String, Object> previousBest = Map.of("num_leaves", 17, "learning_rate", 0.05, "min_child_samples", 30,
                "feature_fraction", 0.9);
        HyperparameterSearch.Result r = HyperparameterSearch.over(space()).trials(3).parallelism(1).seed(1)
                .executor(new DriverTrialExecutor(DATA, TRIAL, 1)).warmStart(Optional.of(previousBest)).execute();
        assertEquals(previousBest, Map.copyOf(r.trials().get(0).params()));
    }
}
