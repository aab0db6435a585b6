package com.alphaleak.training.search;

/**
 * Runs trials. {@link #run} blocks until the trial finishes and is called from several driver
 * threads at once (one per concurrent trial). An exception means the attempt failed; the search
 * decides whether to retry.
 */
public interface TrialExecutor extends AutoCloseable {
    TrialResult run(TrialSpec spec) throws Exception;

    /** Trials this executor can run at once without queueing (task slots / threads per trial). */
    int slots();

    /** Short name for logs and the trial history: {@code driver}, {@code task-parallel}, {@code data-parallel}. */
    String mode();

    @Override
    default void close() {}
}
