package com.alphaleak.monitor;

/**
 * Exit codes of the {@code monitor} command; the same numbers as the project's
 * {@code com.alphaleak.jobs.ExitCodes} (the jobs module depends on this one, not the reverse).
 */
public final class MonitorExitCodes {
    private MonitorExitCodes() {}

    /** Healthy, watch or insufficient data: nothing to do for the scheduler. */
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** An input table breaks its contract; nothing was written. */
    public static final int BAD_INPUT = 3;
    /** At least one model should be retrained. */
    public static final int RETRAIN_RECOMMENDED = 10;

    public static int of(Decision d) {
        return d == Decision.RETRAIN ? RETRAIN_RECOMMENDED : OK;
    }
}
