package com.alphaleak.training.lightgbm;

import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTrainerTest {
    private static final SplitMatrices DATA = SyntheticMatrices.of(7, 4000, 1500, 8, 0.1);

    private static String params(Map<String, Object> searched) {
        return LightGbmParams.binary(42, 1, DATA.balancedScalePosWeight()).setAll(searched).toString();
    }

    @Test
    void earlyStoppingScoreEqualsReferenceAveragePrecisionOfTheKeptModel() {
        TrainingRun run = EarlyStoppingTrainer.train(DATA, params(Map.of("num_leaves", 15, "learning_rate", 0.1)), 300, 20, true);
        try (NativeBooster kept = NativeBooster.fromModelString(run.modelText())) {
            double[] margins = kept.predictMargins(DATA.validation(), 0, 1);
            double reference = AveragePrecision.of(margins, DATA.validation().labels());
            assertEquals(reference, run.bestScore(), 1e-12, "LightGBM's average_precision vs the reference on the same predictions");
        }
        assertTrue(run.bestScore() > 0.3, "learnable problem: AP " + run.bestScore() + " vs base rate 0.1");
    }

    @Test
    void softTargetsAreFittedByCrossEntropyWhileEarlyStoppingScoresTheZeroOneLabels() {
        SplitMatrices soft = SyntheticMatrices.softened(DATA, 0.3);
        Map<String, Object> p = Map.of("num_leaves", 15, "learning_rate", 0.1);
        TrainingRun run = EarlyStoppingTrainer.train(soft, LightGbmParams.forRows(42, 1, 1.0, true).setAll(p).toString(), 300, 20, true);
        assertTrue(run.modelText().contains("\nobjective=cross_entropy\n"), "fitted by cross entropy");
        try (NativeBooster kept = NativeBooster.fromModelString(run.modelText())) {
            double reference = AveragePrecision.of(kept.predictMargins(DATA.validation(), 0, 1), DATA.validation().labels());
            assertEquals(reference, run.bestScore(), 1e-12, "the early-stopping score is the 0/1 validation labels' PR-AUC");
        }
        TrainingRun binary = EarlyStoppingTrainer.train(DATA, LightGbmParams.forRows(42, 1, 1.0, false).setAll(p).toString(), 300, 20, true);
        assertNotEquals(binary.modelSha256(), run.modelSha256(), "the soft targets, not the labels, were learned from");
        assertTrue(binary.modelText().contains("\nobjective=binary sigmoid:1\n"));
    }

    @Test
    void crossEntropyOnTheZeroOneLabelsThemselvesGrowsTheBinaryModelsTrees() {
        // The oracle for the wiring: cross entropy's gradients on 0/1 targets are binary log loss's.
        SplitMatrices asTargets = DATA.withTrain(DATA.train().withTargets(DATA.train().floatLabels()));
        Map<String, Object> p = Map.of("num_leaves", 15, "learning_rate", 0.1);
        TrainingRun xent = EarlyStoppingTrainer.train(asTargets, LightGbmParams.forRows(42, 1, 1.0, true).setAll(p).toString(), 60, 0, true);
        TrainingRun binary = EarlyStoppingTrainer.train(DATA, LightGbmParams.forRows(42, 1, 1.0, false).setAll(p).toString(), 60, 0, true);
        assertEquals(binary.bestIteration(), xent.bestIteration());
        try (NativeBooster a = NativeBooster.fromModelString(xent.modelText()); NativeBooster b = NativeBooster.fromModelString(binary.modelText())) {
            assertArrayEquals(b.predictMargins(DATA.validation(), 0, 1), a.predictMargins(DATA.validation(), 0, 1), 1e-9);
        }
    }

    @Test
    void softTargetsWithTheBinaryObjectiveAreRefusedBecauseItWouldCountEverySoftLabelAsAPositive() {
        SplitMatrices soft = SyntheticMatrices.softened(DATA, 0.3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EarlyStoppingTrainer.train(soft,
                LightGbmParams.binary(42, 1, 1.0).toString(), 10, 0, false));
        assertTrue(e.getMessage().contains("soft targets are fitted with objective=cross_entropy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EarlyStoppingTrainer.train(DATA,
                LightGbmParams.binary(42, 1, 1.0).set("objective", "cross_entropy").toString(), 10, 0, false));
        assertThrows(IllegalArgumentException.class, () -> LightGbmParams.forRows(42, 1, 9.0, true), "cross entropy has no class weight");
    }

    @Test
    void everyIterationsScoreEqualsTheReference() {
        TrainingRun run = EarlyStoppingTrainer.train(DATA, params(Map.of("num_leaves", 7, "learning_rate", 0.3)), 12, 0, true);
        assertEquals(12, run.iterations());
        try (NativeBooster kept = NativeBooster.fromModelString(run.modelText())) {
            // the kept model is cut at the best iteration, so the curve is checked up to there
            assertTrue(run.bestIteration() >= 5, "best iteration " + run.bestIteration());
            for (int it = 1; it <= run.bestIteration(); it++) {
                double reference = AveragePrecision.of(kept.predictMargins(DATA.validation(), it, 1), DATA.validation().labels());
                assertEquals(reference, run.validationCurve()[it - 1], 1e-12, "iteration " + it);
            }
        }
    }

    @Test
    void stopsAfterPatienceWithoutImprovementAndKeepsTheBestIteration() {
        TrainingRun run = EarlyStoppingTrainer.train(DATA, params(Map.of("num_leaves", 63, "learning_rate", 0.5,
                "min_child_samples", 5)), 500, 10, true);
        assertTrue(run.iterations() < 500, "overfitting setup should stop early, trained " + run.iterations());
        assertEquals(run.bestIteration() + 10, run.iterations());
        double max = java.util.Arrays.stream(run.validationCurve()).max().orElseThrow();
        assertEquals(max, run.bestScore());
        assertEquals(run.bestIteration(), firstIndexOf(run.validationCurve(), max) + 1, "first iteration reaching the max");
        assertTrue(run.modelText().contains("Tree=" + (run.bestIteration() - 1)));
        assertTrue(!run.modelText().contains("Tree=" + run.bestIteration() + "\n"), "model cut at the best iteration");
    }

    @Test
    void sameParametersAndSeedGiveTheSameModel() {
        String p = params(Map.of("num_leaves", 31, "learning_rate", 0.05, "feature_fraction", 0.7, "bagging_fraction", 0.8));
        TrainingRun a = EarlyStoppingTrainer.train(DATA, p, 60, 0, false);
        TrainingRun b = EarlyStoppingTrainer.train(DATA, p, 60, 0, false);
        assertEquals(a.modelSha256(), b.modelSha256());
        assertArrayEquals(a.validationCurve(), b.validationCurve());
        String otherSeed = LightGbmParams.binary(43, 1, DATA.balancedScalePosWeight())
                .setAll(Map.of("num_leaves", 31, "learning_rate", 0.05, "feature_fraction", 0.7, "bagging_fraction", 0.8)).toString();
        assertNotEquals(a.modelSha256(), EarlyStoppingTrainer.train(DATA, otherSeed, 60, 0, false).modelSha256(),
                "the seed reaches bagging and feature sampling");
    }

    private static int firstIndexOf(double[] v, double x) {
        for (int i = 0; i < v.length; i++) if (v[i] == x) return i;
        return -1;
    }
}
