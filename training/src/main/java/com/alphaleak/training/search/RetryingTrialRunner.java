package com.alphaleak.training.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Runs one trial on an executor, retrying an attempt that throws (a task error, a lost executor)
 * up to {@code retries} more times; after the last it returns a {@link TrialResult.Status#FAILED}
 * result carrying the root cause instead of throwing, so a search goes on without the trial.
 */
final class RetryingTrialRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingTrialRunner.class);

    private final TrialExecutor executor;
    private final int retries;
    private final String label;

    RetryingTrialRunner(TrialExecutor executor, int retries, String label) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.retries = retries;
        this.label = label;
    }

    TrialResult run(TrialSpec first) {
        TrialSpec spec = first;
        while (true) {
            long t0 = System.nanoTime();
            try {
                return executor.run(spec);
            } catch (Exception | LinkageError e) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (spec.attempt() <= retries) {
                    LOG.warn("{}: trial {} attempt {} failed ({}), retrying", label, spec.number(), spec.attempt(), rootMessage(e));
                    spec = spec.retry();
                } else {
                    LOG.warn("{}: trial {} failed after {} attempt(s): {}", label, spec.number(), spec.attempt(), rootMessage(e));
                    return TrialResult.failed(spec, ms, executor.mode(), root(e));
                }
            }
        }
    }

    private static Throwable root(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }

    private static String rootMessage(Throwable e) {
        Throwable r = root(e);
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
