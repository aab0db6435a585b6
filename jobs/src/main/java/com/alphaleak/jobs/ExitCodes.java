package com.alphaleak.jobs;

/**
 * Process exit codes of every command, stable for Airflow and cron. Documented in the README.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An unexpected failure (a bug or an infrastructure error); the log has the stack trace. */
    public static final int FAILURE = 1;
    /** Bad command line or configuration: unknown key, wrong type, bad value. Nothing was run. */
    public static final int USAGE = 2;
    /** Input data breaks its contract (missing column, null time, duplicate id, ...). Nothing was written. */
    public static final int BAD_INPUT = 3;
    /** A quality gate refused the result (parity, champion); the previous published model stays. */
    public static final int GATE_REFUSED = 4;
    /** The monitor recommends retraining (not a failure: the scheduler branches on it). */
    public static final int RETRAIN_RECOMMENDED = 10;
}
