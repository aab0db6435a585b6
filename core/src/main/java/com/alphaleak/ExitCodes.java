package com.alphaleak;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Process exit codes of every command, stable for Airflow and cron. The one definition: the CLI's
 * help footer is rendered from {@link #MEANINGS}, exceptions carry one of these codes
 * ({@link AlphaLeakException#exitCode()}), and the README's exit-code table, the Airflow DAG's
 * docstring and the crontab comments repeat them.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** An unexpected failure (a bug or an infrastructure error); the log has the stack trace. */
    public static final int FAILURE = 1;
    /** Bad command line or configuration: unknown key, wrong type, bad value, no such version. Nothing was run. */
    public static final int USAGE = 2;
    /** Input data breaks its contract (missing column, null time, duplicate id, ...). Nothing was written. */
    public static final int BAD_INPUT = 3;
    /** A quality gate refused the result (parity, champion); the previous published model stays. */
    public static final int GATE_REFUSED = 4;
    /**
     * The model store (or an exported model directory) failed an integrity check: a stored object
     * does not match its checksum (or is missing or unreadable), or a version id already holds
     * other bytes. Refused; the pointer and
     * the hosts' models stay as they were. Separate from {@link #GATE_REFUSED} because it needs an
     * operator (roll back or republish), while a gate refusal is routine.
     */
    public static final int STORE_INTEGRITY = 5;
    /**
     * Completed, but at least one configured target was skipped: its dataset has no positives (or
     * only positives) in the train or validation slice, so there is nothing to learn or validate
     * on. Every other target and dataset was built, trained and published as usual; the reason is
     * printed in the summary and recorded in the dataset manifest ({@code skipped_targets}). Not
     * an exception: the command finishes its work first. {@code run} returns 4 rather than this
     * when the champion gate also refused a model.
     */
    public static final int SKIPPED_TARGETS = 6;
    /** The monitor recommends retraining (not a failure: the scheduler branches on it). */
    public static final int RETRAIN_RECOMMENDED = 10;

    /** Every code with its one-line meaning (at most 74 characters: one help line), in order, for the help footer and the docs. */
    public static final Map<Integer, String> MEANINGS = meanings();

    private static Map<Integer, String> meanings() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(OK, "success");
        m.put(FAILURE, "unexpected failure (see the log)");
        m.put(USAGE, "bad command line or configuration; nothing ran");
        m.put(BAD_INPUT, "input data breaks its contract; nothing was written");
        m.put(GATE_REFUSED, "a quality gate refused the result; the previous model stays published");
        m.put(STORE_INTEGRITY, "model store: corrupt object or version conflict refused; nothing changed");
        m.put(SKIPPED_TARGETS, "completed, but a target was skipped (no positives in a slice); see summary");
        m.put(RETRAIN_RECOMMENDED, "monitor: retraining recommended");
        return Collections.unmodifiableMap(m);
    }
}
