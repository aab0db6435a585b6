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
 */
public record TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                          int iterations, long durationMs, String worker, int attempts, String error,
                          String modelSha256, int prunedAtStep, List<Double> validationCurve) implements Serializable {
    /** COMPLETE ran to early stopping or the cap; PRUNED was stopped at a rung; FAILED threw. */
    public enum Status { COMPLETE, PRUNED, FAILED }

    public TrialResult {
        validationCurve = validationCurve == null ? List.of() : List.copyOf(validationCurve);
    }

    /** A complete or failed trial without a recorded curve. */
    public TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                       int iterations, long durationMs, String worker, int attempts, String error, String modelSha256) {
        this(number, params, status, value, bestIteration, iterations, durationMs, worker, attempts, error, modelSha256, 0, List.of());
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
