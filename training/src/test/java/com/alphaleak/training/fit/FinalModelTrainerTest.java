package com.alphaleak.training.fit;

import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.search.TrialSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FinalModelTrainerTest extends SharedSpark {
    private static final SplitMatrices DATA = SyntheticMatrices.of(5, 4000, 1500, 8, 0.08);

    @Test
    void theFinalModelHasTheBestTrialsTrees() {
        BoosterTrial trial = new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), 200, 20);
        Map<String, Object> params = Map.of("num_leaves", 15, "learning_rate", 0.05, "min_child_samples", 30,
                "feature_fraction", 0.7, "bagging_fraction", 0.8, "lambda_l2", 0.5);
        TrialSpec spec = new TrialSpec(3, params, 1);
        TrainingRun run = EarlyStoppingTrainer.train(DATA, trial.params(spec), 200, 20, true);
        TrialResult best = new TrialResult(3, params, TrialResult.Status.COMPLETE, run.bestScore(), run.bestIteration(),
                run.iterations(), 0, "driver", 1, null, run.modelSha256());
        FinalModel fm = FinalModelTrainer.replay(spark(), DATA, best, trial);
        assertEquals(LightGbmTrees.of(run.modelText()), LightGbmTrees.of(fm.modelText()),
                "bagging and feature sampling on: the replay must draw the same rows and features as the trial");
        assertEquals(run.bestIteration(), fm.numTrees());
        assertEquals(0.0, fm.gap(), 1e-9);
    }

    @Test
    void aConfirmedTrialIsTheFinalModelAsTrainedOrReplayedWithTheSameTreesAndOneWithoutItsModelIsRefused() {
        BoosterTrial trial = new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), 200, 20);
        Map<String, Object> params = Map.of("num_leaves", 31, "learning_rate", 0.1, "min_child_samples", 20);
        TrialSpec spec = new TrialSpec(5, params, 1);
        TrainingRun run = trial.keepingModels().train(com.alphaleak.training.search.TrialData.of(DATA), spec);
        TrialResult confirmed = new TrialResult(5, params, TrialResult.Status.COMPLETE, run.bestScore(), run.bestIteration(),
                run.iterations(), 1234, "driver", 1, null, run.modelSha256(), 0, java.util.List.of(), run.modelText());
        FinalModel fm = FinalModelTrainer.ofConfirmedTrial(DATA, confirmed, trial);
        assertEquals(run.modelText(), fm.modelText());
        assertEquals(run.bestIteration(), fm.numTrees(), "one tree per iteration up to the best");
        assertEquals(0.0, fm.gap(), 1e-9, "the model the trial measured");
        assertEquals(null, fm.bestTrial().modelText(), "the model's provenance record does not carry the text again");
        assertEquals(1234, fm.fitMillis());

        FinalModel replayed = FinalModelTrainer.ofSampledSearch(spark(), DATA, confirmed, trial,
                com.alphaleak.config.SampledFinalModel.SYNAPSEML_REPLAY);
        assertEquals(LightGbmTrees.of(run.modelText()), LightGbmTrees.of(replayed.modelText()),
                "tuning.sample.final-model = synapseml-replay: a SynapseML fit with the same trees");
        assertEquals(run.modelText(), FinalModelTrainer.ofSampledSearch(spark(), DATA, confirmed, trial,
                com.alphaleak.config.SampledFinalModel.BOOSTER).modelText(), "booster (the default): the text as trained");

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FinalModelTrainer.ofConfirmedTrial(DATA, confirmed.withoutModel(), trial));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("trial 5 kept no model text"), e.getMessage());
    }
}
