package com.alphaleak.training.lightgbm;

import java.util.Map;

/**
 * Early-stopping patience of one fit: how many iterations without a higher validation PR-AUC end it.
 *
 * <p>With {@code shrinkage > 0} the patience is the number of iterations that add up to that much
 * learning rate, {@code round(shrinkage / learning_rate)}, clamped to {@code [min(10, rounds), rounds]}:
 * a validation curve's time scale is proportional to {@code 1 / learning_rate}, so a fixed count of
 * iterations is a long wait for a trial with a large step and a short one for a small step.
 * Replaying a 1M-signal search's trials with full curves (four targets), {@code shrinkage = 1} and
 * {@code rounds = 50} kept every search's best value and cut 10-50 % of the iterations; 0.5 lost
 * 0.0005 on one target and a fixed patience of 20 or 30 lost 0.0056 on the 24 h model
 * (docs/benchmarks.md). With
 * {@code shrinkage = 0} it is always {@code rounds} (LightGBM's {@code early_stopping_round}).
 *
 * @param rounds    the largest patience (and the patience when {@code shrinkage = 0}); {@code <= 0}
 *                  switches early stopping off
 * @param shrinkage learning rate that may pass without improvement, 0 = fixed {@code rounds}
 */
public record Patience(int rounds, double shrinkage) {
    /** The smallest patience a learning-rate-scaled rule gives (a large step still gets 10 tries). */
    public static final int MIN_ROUNDS = 10;
    /** LightGBM's default learning rate, used when a parameter set does not name one. */
    static final double DEFAULT_LEARNING_RATE = 0.1;

    public Patience {
        if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
            throw new IllegalArgumentException("patience shrinkage must be a finite number >= 0, got " + shrinkage);
        }
    }

    /** A fixed patience of {@code rounds} iterations. */
    public static Patience fixed(int rounds) {
        return new Patience(rounds, 0.0);
    }

    /** The patience of a fit with learning rate {@code learningRate}. */
    public int forLearningRate(double learningRate) {
        if (rounds <= 0 || shrinkage == 0.0) return rounds;
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        long scaled = Math.round(shrinkage / learningRate);
        return (int) Math.max(Math.min(MIN_ROUNDS, rounds), Math.min(rounds, scaled));
    }

    /** The patience of a fit with LightGBM parameters {@code params} ({@code learning_rate}, else LightGBM's default). */
    public int forParams(Map<String, ?> params) {
        Object lr = params.get("learning_rate");
        return forLearningRate(lr == null ? DEFAULT_LEARNING_RATE
                : lr instanceof Number n ? n.doubleValue() : Double.parseDouble(lr.toString()));
    }
}
