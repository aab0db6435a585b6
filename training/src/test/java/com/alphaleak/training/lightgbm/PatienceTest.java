package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialData;
import com.alphaleak.training.search.TrialSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatienceTest {
    @Test
    void scalesWithTheLearningRateBetweenTenAndTheRounds() {
        Patience p = new Patience(50, 0.5);
        assertEquals(50, p.forLearningRate(0.01), "0.5 / 0.01 = 50");
        assertEquals(50, p.forLearningRate(0.005), "capped at the rounds");
        assertEquals(25, p.forLearningRate(0.02));
        assertEquals(40, p.forLearningRate(0.0125));
        assertEquals(10, p.forLearningRate(0.05));
        assertEquals(10, p.forLearningRate(0.2), "a large step still gets 10 tries");
        assertEquals(10, p.forParams(Map.of("num_leaves", 31)), "LightGBM's default rate 0.1 when none is searched");
        assertEquals(17, p.forParams(Map.of("learning_rate", 0.03)));
    }

    @Test
    void zeroShrinkageIsTheFixedRoundsAndSmallRoundsAreNotRaised() {
        assertEquals(50, Patience.fixed(50).forLearningRate(0.2));
        assertEquals(5, new Patience(5, 0.5).forLearningRate(0.2), "never more than the rounds");
        assertEquals(0, new Patience(0, 0.5).forLearningRate(0.2), "early stopping off stays off");
        assertThrows(IllegalArgumentException.class, () -> new Patience(50, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Patience(50, 0.5).forLearningRate(0));
    }

    @Test
    void aTrialStopsAfterItsScaledPatienceWithTheSameBestAsAFixedPatienceThatOutlastsIt() {
        SplitMatrices data = SyntheticMatrices.of(7, 4000, 1500, 8, 0.1);
        TrialData d = TrialData.of(data);
        TrialSpec spec = new TrialSpec(0, Map.of("num_leaves", 63, "learning_rate", 0.25, "min_child_samples", 5), 0);
        TrainingRun fixed = new BoosterTrial(42, 1, 1.0, 500, 50).train(d, spec);
        TrainingRun scaled = new BoosterTrial(42, 1, 1.0, 500, 50, true, 0.5).train(d, spec);
        assertEquals(scaled.bestIteration() + 10, scaled.iterations(), "0.5 / 0.25 = 2, raised to 10");
        assertTrue(scaled.iterations() < fixed.iterations(), scaled.iterations() + " vs " + fixed.iterations());
        if (fixed.bestIteration() <= scaled.iterations()) {
            assertEquals(fixed.bestIteration(), scaled.bestIteration(), "the same curve up to where the scaled fit stops");
            assertEquals(fixed.bestScore(), scaled.bestScore());
        }
    }
}
