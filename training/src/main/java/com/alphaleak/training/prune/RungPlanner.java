package com.alphaleak.training.prune;

import java.util.SortedMap;

/**
 * Computes a trial's {@link RungPlan} from the validation curves of trials that finished before
 * it was started. The same finished curves always give the same plan: that is what keeps a
 * pruned search reproducible under parallelism.
 */
@FunctionalInterface
public interface RungPlanner {

    /**
     * @param trial    the trial about to start
     * @param finished the finished (complete or pruned) trials' validation curves by trial number,
     *                 value after iteration {@code i + 1} at index {@code i}, as far as each trial ran
     * @param maxStep  the trial's iteration cap: rungs at or above it are left out
     */
    RungPlan plan(int trial, SortedMap<Integer, double[]> finished, int maxStep);

    static RungPlanner none() {
        return (trial, finished, maxStep) -> RungPlan.none();
    }

    /** Optuna's {@code SuccessiveHalvingPruner(min_resource, reduction_factor, min_early_stopping_rate)}. */
    static RungPlanner successiveHalving(int minResource, int reductionFactor, int minEarlyStoppingRate) {
        new SuccessiveHalvingPruner(minResource, reductionFactor, minEarlyStoppingRate, 0,
                com.alphaleak.training.tpe.TpeSearch.Direction.MAXIMIZE); // validates the arguments
        return (trial, finished, maxStep) ->
                SuccessiveHalvingPruner.plan(minResource, reductionFactor, minEarlyStoppingRate, -1, finished.values(), maxStep);
    }

    /**
     * Optuna's {@code HyperbandPruner(min_resource, max_resource, reduction_factor)}; each trial is
     * compared only with the finished trials of its bracket.
     *
     * @param studyName part of the bracket hash, as Optuna's study name
     */
    static RungPlanner hyperband(String studyName, int minResource, int maxResource, int reductionFactor) {
        HyperbandPruner brackets = new HyperbandPruner(studyName, minResource, maxResource, reductionFactor, 0,
                com.alphaleak.training.tpe.TpeSearch.Direction.MAXIMIZE);
        return brackets::plan;
    }

    /** The best-so-far value of {@code curve} after {@code step} iterations (its running maximum). */
    static double bestSoFar(double[] curve, int step) {
        double best = Double.NaN;
        for (int i = 0; i < step; i++) {
            if (Double.isNaN(best) || curve[i] > best) best = curve[i];
        }
        return best;
    }
}
