package com.alphaleak.training.lightgbm;

import java.io.Serializable;

/**
 * Outcome of one early-stopped LightGBM fit.
 *
 * @param bestIteration    1-based iteration with the highest validation PR-AUC (first one on ties)
 * @param bestScore        validation PR-AUC (LightGBM's {@code average_precision}) at that iteration
 * @param iterations       iterations actually trained (best + patience, or fewer at the cap)
 * @param validationCurve  validation PR-AUC after each trained iteration
 * @param modelText        LightGBM text model cut to the best iteration, or null when not kept
 * @param modelSha256      SHA-256 of that text (kept even when the text is not)
 * @param prunedAtStep     the rung iteration a {@link com.alphaleak.training.prune.RungPlan} stopped the fit at; 0 when not pruned
 */
public record TrainingRun(int bestIteration, double bestScore, int iterations, double[] validationCurve,
                          String modelText, String modelSha256, long datasetMillis, long trainMillis, int prunedAtStep)
        implements Serializable {

    public boolean pruned() {
        return prunedAtStep > 0;
    }
}
