package com.alphaleak.training.search;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The record of one finished trial, as kept in the trial history.
 *
 * @param value         validation PR-AUC at the best iteration (of those trained, when pruned); NaN when failed
 * @param durationMs    wall time of the last attempt, milliseconds
 * @param worker        where the last attempt ran (executor id / host / thread)
 * @param attempts      executions including retries
 * @param error         the last failure's class and message when failed, else null
 * @param modelSha256   SHA-256 of the trial's LightGBM text model (determinism checks)
 * @param prunedAtStep  the rung iteration the trial was stopped at when {@link Status#PRUNED}, else 0
 * @param validationCurve validation PR-AUC after each trained iteration (empty when failed or not
 *                      measured): later trials' rung bars are computed from it
 * @param modelText     the trial's LightGBM text model, cut to its best iteration, when its trial
 *                      function kept it ({@link BoosterTrial#keepingModels()}: the confirmations of a
 *                      sampled search, whose best becomes the final model); else null. Never written
 *                      to the trial history, and left out of {@link #toString()} (megabytes)
 */
public record TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                          int iterations, long durationMs, String worker, int attempts, String error,
                          String modelSha256, int prunedAtStep, List<Double> validationCurve, String modelText)
        implements Serializable {
    /** COMPLETE ran to early stopping or the cap; PRUNED was stopped at a rung; FAILED threw. */
    public enum Status { COMPLETE, PRUNED, FAILED }

    public TrialResult {
        validationCurve = validationCurve == null ? List.of() : List.copyOf(validationCurve);
    }

    /** A trial without its model text. */
    public TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                       int iterations, long durationMs, String worker, int attempts, String error,
                       String modelSha256, int prunedAtStep, List<Double> validationCurve) {
        this(number, params, status, value, bestIteration, iterations, durationMs, worker, attempts, error, modelSha256,
                prunedAtStep, validationCurve, null);
    }

    /** A complete or failed trial without a recorded curve. */
    public TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                       int iterations, long durationMs, String worker, int attempts, String error, String modelSha256) {
        this(number, params, status, value, bestIteration, iterations, durationMs, worker, attempts, error, modelSha256, 0, List.of(), null);
    }

    /** The same trial without its model text (what the history and reports keep). */
    public TrialResult withoutModel() {
        return modelText == null ? this : new TrialResult(number, params, status, value, bestIteration, iterations, durationMs,
                worker, attempts, error, modelSha256, prunedAtStep, validationCurve, null);
    }

    /** The same trial with {@code text} as its model (a replay of it with the same trees). */
    public TrialResult withModel(String text) {
        return new TrialResult(number, params, status, value, bestIteration, iterations, durationMs, worker, attempts, error,
                modelSha256, prunedAtStep, validationCurve, text);
    }

    @Override
    public String toString() {
        return "TrialResult[number=" + number + ", params=" + params + ", status=" + status + ", value=" + value
                + ", bestIteration=" + bestIteration + ", iterations=" + iterations + ", durationMs=" + durationMs
                + ", worker=" + worker + ", attempts=" + attempts + ", error=" + error + ", modelSha256=" + modelSha256
                + ", prunedAtStep=" + prunedAtStep + ", curve=" + validationCurve.size() + " values, modelText="
                + (modelText == null ? "none" : modelText.length() + " chars") + "]";
    }

    public boolean complete() {
        return status == Status.COMPLETE;
    }

    public boolean pruned() {
        return status == Status.PRUNED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** The curve as an array, for the rung planner. */
    double[] curve() {
        double[] c = new double[validationCurve.size()];
        for (int i = 0; i < c.length; i++) c[i] = validationCurve.get(i);
        return c;
    }

    static TrialResult failed(TrialSpec spec, long durationMs, String worker, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + String.valueOf(error.getMessage());
        if (message.length() > 500) message = message.substring(0, 500) + "...";
        return new TrialResult(spec.number(), spec.params(), Status.FAILED, Double.NaN, 0, 0, durationMs, worker,
                spec.attempt(), message, null);
    }
}
