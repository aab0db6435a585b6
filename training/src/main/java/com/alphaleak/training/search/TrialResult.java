package com.alphaleak.training.search;

import java.io.Serializable;
import java.util.Map;

/**
 * The record of one finished trial, as kept in the trial history.
 *
 * @param value         validation PR-AUC at the best iteration; NaN when failed
 * @param durationMs    wall time of the last attempt, milliseconds
 * @param worker        where the last attempt ran (executor id / host / thread)
 * @param attempts      executions including retries
 * @param error         the last failure's class and message when failed, else null
 * @param modelSha256   SHA-256 of the trial's LightGBM text model (determinism checks)
 */
public record TrialResult(int number, Map<String, Object> params, Status status, double value, int bestIteration,
                          int iterations, long durationMs, String worker, int attempts, String error,
                          String modelSha256) implements Serializable {
    public enum Status { COMPLETE, FAILED }

    public boolean complete() {
        return status == Status.COMPLETE;
    }

    static TrialResult failed(TrialSpec spec, long durationMs, String worker, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + String.valueOf(error.getMessage());
        if (message.length() > 500) message = message.substring(0, 500) + "...";
        return new TrialResult(spec.number(), spec.params(), Status.FAILED, Double.NaN, 0, 0, durationMs, worker,
                spec.attempt(), message, null);
    }
}
