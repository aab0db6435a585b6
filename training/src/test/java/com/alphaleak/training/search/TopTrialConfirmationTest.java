package com.alphaleak.training.search;

import com.alphaleak.training.data.RowSample;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.TrainingRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopTrialConfirmationTest {

    private static TrialResult trial(int number, TrialResult.Status status, double value, int leaves) {
        return new TrialResult(number, Map.of("num_leaves", leaves, "learning_rate", 0.1), status, value, 5, 10, 1, "w", 1, null, "x");
    }

    @Test
    void candidatesAreTheBestCompleteTrialsWithTheEarlierOneFirstOnTies() {
        List<TrialResult> trials = List.of(
                trial(0, TrialResult.Status.COMPLETE, 0.30, 7),
                trial(1, TrialResult.Status.PRUNED, 0.90, 7),
                trial(2, TrialResult.Status.COMPLETE, 0.35, 7),
                trial(3, TrialResult.Status.FAILED, Double.NaN, 7),
                trial(4, TrialResult.Status.COMPLETE, 0.35, 7),
                trial(5, TrialResult.Status.COMPLETE, 0.10, 7));
        assertEquals(List.of(2, 4), TopTrialConfirmation.of(trials, 2).candidates().stream().map(TrialResult::number).toList());
        assertEquals(List.of(2, 4, 0, 5), TopTrialConfirmation.of(trials, 10).candidates().stream().map(TrialResult::number).toList(),
                "never more than the complete trials; pruned and failed ones are not candidates");
        assertThrows(IllegalArgumentException.class, () -> TopTrialConfirmation.of(trials, 0));
    }

    @Test
    void confirmationsAreTheCandidatesTrainedOnEveryRowAndTheBestOfThemIsChosen() {
        SplitMatrices all = SyntheticMatrices.of(11, 4000, 1500, 6, 0.15);
        SplitMatrices sample = all.withTrain(RowSample.of(all.train(), 800, 3));
        BoosterTrial fn = new BoosterTrial(42, 1, 1.0, 150, 15);
        List<TrialResult> sampled;
        try (DriverTrialExecutor onSample = new DriverTrialExecutor(sample, fn, 1)) {
            sampled = List.of(onSample.run(new TrialSpec(0, Map.of("num_leaves", 4, "learning_rate", 0.1), 1)),
                    onSample.run(new TrialSpec(1, Map.of("num_leaves", 31, "learning_rate", 0.2, "min_child_samples", 5), 1)),
                    onSample.run(new TrialSpec(2, Map.of("num_leaves", 8, "learning_rate", 0.05), 1)));
        }
        TopTrialConfirmation top = TopTrialConfirmation.of(sampled, 2);
        TopTrialConfirmation.Result c;
        try (DriverTrialExecutor onAll = new DriverTrialExecutor(all, fn, 2)) {
            c = top.execute(onAll, 0, "test");
        }
        assertEquals(2, c.confirmed().size());
        for (int i = 0; i < 2; i++) {
            TrialResult candidate = top.candidates().get(i);
            TrialResult confirmed = c.confirmed().get(i);
            assertEquals(candidate.number(), confirmed.number());
            assertEquals(candidate.params(), confirmed.params());
            TrainingRun direct = EarlyStoppingTrainer.train(all, fn.params(new TrialSpec(candidate.number(), candidate.params(), 1)),
                    150, fn.patienceOf(new TrialSpec(candidate.number(), candidate.params(), 1)), false);
            assertEquals(direct.modelSha256(), confirmed.modelSha256(), "trial " + candidate.number() + " re-trained on every row");
            assertEquals(direct.bestScore(), confirmed.value(), 1e-12);
            assertTrue(confirmed.value() != candidate.value(), "a different training set gives a different score");
        }
        TrialResult expected = c.confirmed().get(0).value() >= c.confirmed().get(1).value() ? c.confirmed().get(0) : c.confirmed().get(1);
        assertEquals(expected, c.best().orElseThrow());
    }
}
