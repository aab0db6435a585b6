package com.alphaleak.training;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.features.dataset.DatasetWriter;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.fit.LightGbmTrees;
import com.alphaleak.training.fit.ModelEvaluation;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialHistory;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.search.TrialSpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.alphaleak.training.search.TopTrialConfirmation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainTargetTest extends SharedSpark {

    /** The shared signal world's configuration with its own trial history and {@code keyValues} overrides. */
    private static AlphaLeakConfig config(Path tmp, String... keyValues) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("tuning.trial-history", tmp.resolve("trials").toString()));
        for (int i = 0; i < keyValues.length; i += 2) o.put(keyValues[i], keyValues[i + 1]);
        return SampleDatasets.config(Path.of(SampleDatasets.sharedSignalWorld(spark()).config().run().workDir()), o);
    }

    /** reach_2x_1h of the shared signal world, trained as run {@code runId}. */
    private static TrainTarget.Result train(AlphaLeakConfig config, String runId) {
        DatasetWriter.Outcome ds = SampleDatasets.sharedSignalWorld(spark()).dataset();
        return TrainTarget.with(spark(), config).dataset(spark().read().format("delta").load(ds.path()), ds.manifest())
                .target("reach_2x_1h").runId(runId).execute();
    }

    @Test
    void searchesTrainsRecordsTrialsAndWarmStartsTheNextRunFromTheBest(@TempDir Path tmp) {
        // The best trial alone (no ensemble): the final model must be its trees.
        AlphaLeakConfig config = config(tmp, "tuning.ensemble-size", "1");
        TrainTarget.Result first = train(config, "run-1");

        double expectedSpw = 1.0;
        assertEquals(expectedSpw, first.scalePosWeight(), 1e-12, "the default: unweighted");
        assertEquals(6, first.search().trials().size());
        TrialResult best = first.search().best().orElseThrow();
        assertTrue(first.model().modelText().startsWith("tree\n"), "LightGBM text model");
        assertTrue(first.model().modelText().contains("[num_machines: 1]"), "a task-parallel search's final model is fitted as one "
                + "machine, so its trees (and model id) do not depend on how many executors the cluster has");
        ModelEvaluation eval = first.model().validation();
        assertTrue(eval.prAuc() > eval.baseRate(), "final model beats the base rate: " + eval.prAuc() + " vs " + eval.baseRate());
        assertTrue(eval.rocAuc() > 0.5, "ROC-AUC " + eval.rocAuc());
        assertTrue(first.model().gapExplanation().contains(String.format("%.4f", best.value())));
        java.util.regex.Matcher spw = java.util.regex.Pattern.compile("\\[scale_pos_weight: ([0-9.eE+-]+)]")
                .matcher(first.model().modelText());
        assertTrue(spw.find(), "model text lists its parameters");
        assertEquals(expectedSpw, Double.parseDouble(spw.group(1)), 1e-3 * expectedSpw, "scale_pos_weight reaches SynapseML's fit");
        java.util.regex.Matcher leaves = java.util.regex.Pattern.compile("\\[num_leaves: ([0-9]+)]").matcher(first.model().modelText());
        assertTrue(leaves.find());
        assertEquals(((Number) best.params().get("num_leaves")).intValue(), Integer.parseInt(leaves.group(1)), "best num_leaves used");

        BoosterTrial trial = new BoosterTrial(config.run().seed(), config.tuning().threadsPerTrial(), expectedSpw,
                config.tuning().maxIterations(), config.tuning().earlyStoppingRounds());
        TrainingRun retrained = EarlyStoppingTrainer.train(first.matrices(), trial.params(new TrialSpec(best.number(), best.params(), 1)),
                config.tuning().maxIterations(), config.tuning().earlyStoppingRounds(), true);
        assertEquals(best.modelSha256(), retrained.modelSha256(), "the best trial re-trained on the driver");
        assertEquals(LightGbmTrees.of(retrained.modelText()), LightGbmTrees.of(first.model().modelText()),
                "the exported SynapseML model has the best trial's trees");
        assertEquals(best.bestIteration(), first.model().numTrees(), "trained to the trial's best iteration, no second early stopping");
        assertEquals(best.value(), eval.prAuc(), 1e-9, "same trees, same validation PR-AUC");

        TrialHistory history = new TrialHistory(spark(), first.trialHistory());
        List<Row> rows = history.read().where(col("run_id").equalTo("run-1")).collectAsList();
        assertEquals(6, rows.size());

        TrainTarget.Result second = train(config, "run-2");
        assertEquals(Map.copyOf(best.params()), Map.copyOf(second.search().trials().get(0).params()),
                "the previous run's best is the next run's first trial");
        assertEquals(best.value(), second.search().trials().get(0).value(), 1e-12, "same data, same params, same score");

        train(config, "run-2");
        assertEquals(12, history.read().count(), "re-running run-2 replaces its rows instead of appending");
    }

    @Test
    void aSampledSearchConfirmsItsBestTrialsOnEveryRowAndTheFinalModelIsTheBestConfirmationAsTrained(@TempDir Path tmp) {
        AlphaLeakConfig config = config(tmp, "tuning.sample.max-rows", "1000", "tuning.sample.min-positives", "0",
                "tuning.sample.confirm-top", "2", "tuning.ensemble-size", "1");
        TrainTarget.Result r = train(config, "sampled");

        int allRows = r.matrices().train().rows();
        assertTrue(allRows > 1000, "the world has more training rows than the cap: " + allRows);
        assertEquals(1000, r.searchRows(), "every trial trained on the sample");
        TopTrialConfirmation.Result c = r.confirmation().orElseThrow();
        List<TrialResult> top = TopTrialConfirmation.of(r.search().trials(), 2).candidates();
        assertEquals(top.stream().map(TrialResult::params).toList(), c.confirmed().stream().map(TrialResult::params).toList(),
                "the two best sampled trials are the ones confirmed");

        BoosterTrial trial = new BoosterTrial(config.run().seed(), config.tuning().threadsPerTrial(), 1.0,
                config.tuning().maxIterations(), config.tuning().earlyStoppingRounds(), true, config.tuning().earlyStoppingShrinkage());
        for (TrialResult confirmed : c.confirmed()) {
            TrialSpec spec = new TrialSpec(confirmed.number(), confirmed.params(), 1);
            TrainingRun onAll = EarlyStoppingTrainer.train(r.matrices(), trial.params(spec), config.tuning().maxIterations(),
                    trial.patienceOf(spec), false);
            assertEquals(onAll.modelSha256(), confirmed.modelSha256(), "trial " + confirmed.number() + " confirmed on all " + allRows + " rows");
        }
        TrialResult best = c.best().orElseThrow();
        assertTrue(c.confirmed().stream().allMatch(x -> x.value() <= best.value()));
        assertEquals(best, r.model().bestTrial(), "the final model is the best confirmed trial, not the best sampled one");
        assertEquals(best.modelSha256(), EarlyStoppingTrainer.sha256(r.model().modelText()),
                "the final model is the booster the confirmation trained, byte for byte");
        assertEquals(best.value(), r.model().validation().prAuc(), 1e-9, "same model, same validation PR-AUC");
        assertEquals(best.bestIteration(), r.model().numTrees());
        assertTrue(c.confirmed().stream().allMatch(x -> x.modelText() == null), "the result keeps no model texts once the final model is taken");
    }

    @Test
    void aRareTargetsSampledSearchTrainsOnEveryPositiveAndConfirmsOnEveryRow(@TempDir Path tmp) {
        TrainTarget.Result r = train(config(tmp, "tuning.sample.method", "keep-positives", "tuning.sample.max-rows", "1000",
                "tuning.sample.min-positives", "150", "tuning.sample.confirm-top", "1", "tuning.ensemble-size", "1",
                "tuning.trials", "4"), "keep-positives");

        DenseMatrix all = r.matrices().train();
        int positives = (int) all.positives();
        assertTrue(positives < 500 && (double) positives * 1000 / all.rows() < 150,
                "a uniform sample of 1000 would hold fewer than 150 positives: " + positives + " of " + all.rows());
        assertEquals(1000, r.searchRows(), "every positive and 1000 - " + positives + " negatives");
        assertEquals(positives, r.searchPositives(), "every positive is in the sample");
        TrialResult best = r.confirmation().orElseThrow().best().orElseThrow();
        assertEquals(best, r.model().bestTrial(), "the final model is the confirmation on every row");
        assertEquals(best.value(), r.model().validation().prAuc(), 1e-9);
    }

    @Test
    void theDefaultFinalModelAveragesTheThreeBestTrialsAsTheSearchTrainedThem(@TempDir Path tmp) {
        AlphaLeakConfig config = config(tmp);
        assertEquals(3, config.tuning().ensembleSize(), "the default");
        TrainTarget.Result r = train(config, "ensemble");

        List<TrialResult> top = r.search().bestFirst(3);
        assertEquals(top.stream().map(TrialResult::number).toList(), r.model().members().stream().map(TrialResult::number).toList(),
                "the three best trials, best first");
        assertEquals(top.get(0).number(), r.model().bestTrial().number());
        BoosterTrial trial = new BoosterTrial(config.run().seed(), config.tuning().threadsPerTrial(), 1.0,
                config.tuning().maxIterations(), config.tuning().earlyStoppingRounds(), true, config.tuning().earlyStoppingShrinkage());
        List<String> texts = new java.util.ArrayList<>();
        for (TrialResult t : top) {
            TrialSpec spec = new TrialSpec(t.number(), t.params(), 1);
            TrainingRun again = EarlyStoppingTrainer.train(r.matrices(), trial.params(spec), config.tuning().maxIterations(),
                    trial.patienceOf(spec), true);
            assertEquals(t.modelSha256(), again.modelSha256(), "member " + t.number() + " has the trees its search trial had");
            texts.add(again.modelText());
        }
        assertEquals(com.alphaleak.training.fit.BoosterAverage.of(texts), r.model().modelText(), "the margin average of those boosters");
        assertEquals(ModelEvaluation.of(r.model().modelText(), r.matrices().validation()).prAuc(), r.model().validation().prAuc(), 1e-12);
        assertEquals(r.model().validation().prAuc() - top.get(0).value(), r.model().gap(), 1e-12, "compared with the best trial");
    }

    @Test
    void aPeakLabelledModelLearnsFromItsPeakMultipleAndIsTheBestTrialsOwnBoosterNotASynapseMlReplay(@TempDir Path tmp) {
        AlphaLeakConfig config = config(tmp, "tuning.peak-label.models", "[reach_2x_1h]", "tuning.ensemble-size", "1");
        TrainTarget.Result r = train(config, "peak");

        assertTrue(r.matrices().train().softTargets(), "the training slice learns from the peak multiple");
        assertEquals(null, r.matrices().validation().targets(), "selection and early stopping on the 0/1 outcome");
        for (int i = 0; i < r.matrices().train().rows(); i++) {
            assertEquals(r.matrices().train().labels()[i] == 1, r.matrices().train().targets()[i] >= 0.5f, "row " + i);
        }
        assertTrue(r.model().modelText().contains("\nobjective=cross_entropy\n"), "fitted by cross entropy");
        TrialResult best = r.search().best().orElseThrow();
        BoosterTrial trial = new BoosterTrial(config.run().seed(), config.tuning().threadsPerTrial(), 1.0,
                config.tuning().maxIterations(), config.tuning().earlyStoppingRounds(), true, config.tuning().earlyStoppingShrinkage());
        TrialSpec spec = new TrialSpec(best.number(), best.params(), 1);
        TrainingRun again = EarlyStoppingTrainer.train(r.matrices(), trial.params(spec, true), config.tuning().maxIterations(),
                trial.patienceOf(spec), true);
        assertEquals(best.modelSha256(), again.modelSha256(), "the search trial learned from the same soft targets");
        assertEquals(LightGbmTrees.of(again.modelText()), LightGbmTrees.of(r.model().modelText()), "the deployed trees are the best trial's");
        assertEquals(best.value(), r.model().validation().prAuc(), 1e-9, "and score its validation PR-AUC on the 0/1 outcome");
    }

    @Test
    void aSampledSearchConfirmsAtLeastAsManyTrialsAsTheEnsembleAveragesAndAveragesTheBestConfirmations(@TempDir Path tmp) {
        TrainTarget.Result r = train(config(tmp, "tuning.sample.max-rows", "1000", "tuning.sample.min-positives", "0",
                "tuning.sample.confirm-top", "2", "tuning.ensemble-size", "3"), "sampled-ensemble");
        TopTrialConfirmation.Result c = r.confirmation().orElseThrow();
        assertEquals(3, c.confirmed().size(), "confirm-top 2 < ensemble-size 3: three confirmations");
        assertEquals(c.bestFirst(3).stream().map(TrialResult::number).toList(),
                r.model().members().stream().map(TrialResult::number).toList(), "ranked by their value on every row, not on the sample");
        assertEquals(c.best().orElseThrow().number(), r.model().bestTrial().number());
    }
}
