package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.TrainingRun;

import java.util.Set;

/**
 * A real {@link BoosterTrial} that throws for chosen trials: on the first attempt only
 * ({@code flaky}) or on every attempt ({@code broken}). Optionally sleeps so trials finish out of
 * order.
 */
record FlakyTrial(BoosterTrial inner, Set<Integer> flaky, Set<Integer> broken, boolean shuffleFinishOrder)
        implements TrialFunction {
    @Override
    public TrainingRun train(TrialData data, TrialSpec spec) {
        if (broken.contains(spec.number()) || (flaky.contains(spec.number()) && spec.attempt() == 1)) {
            throw new IllegalStateException("injected failure in trial " + spec.number() + " attempt " + spec.attempt());
        }
        if (shuffleFinishOrder) {
            try {
                Thread.sleep((spec.number() * 7919L) % 5 * 60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return inner.train(data, spec);
    }
}
