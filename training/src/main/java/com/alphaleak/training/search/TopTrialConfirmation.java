package com.alphaleak.training.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second stage of a search on a sample of the training rows: the best complete trials are
 * trained again, with the same parameters, early stopping and no pruning, on an executor holding
 * every training row, up to {@link TrialExecutor#slots()} at once. A trial chosen on a sample is a
 * guess about the full rows; this measures it there, and the best confirmed trial (validation
 * PR-AUC, the earlier trial on ties) is the final model as its confirmation trained it, so the
 * deployed model is a model that was measured, not extrapolated.
 *
 * <pre>{@code
 * TopTrialConfirmation.Result c = TopTrialConfirmation.of(search.trials(), 2)
 *     .execute(new SparkTaskTrialExecutor(spark, allRows, trial, 0, 1), 1, "signals/reach_2x_1h");
 * }</pre>
 */
public final class TopTrialConfirmation {
    private static final Logger LOG = LoggerFactory.getLogger(TopTrialConfirmation.class);

    private final List<TrialResult> candidates;

    private TopTrialConfirmation(List<TrialResult> candidates) {
        this.candidates = candidates;
    }

    /** The {@code top} complete trials of {@code trials} with the highest PR-AUC (earlier first on ties). */
    public static TopTrialConfirmation of(List<TrialResult> trials, int top) {
        if (top < 1) throw new IllegalArgumentException("confirm-top must be >= 1, got " + top);
        return new TopTrialConfirmation(TrialResults.bestFirst(trials, top));
    }

    public List<TrialResult> candidates() {
        return candidates;
    }

    /**
     * @param confirmed the candidates re-trained, in candidate order (failed ones as {@code FAILED})
     * @param best      the complete confirmed trial with the highest PR-AUC, earlier trial on ties;
     *                  empty when every confirmation failed
     */
    public record Result(List<TrialResult> confirmed, Optional<TrialResult> best, Duration elapsed) {
        /** The {@code n} best complete confirmed trials, best first (fewer when fewer completed). */
        public List<TrialResult> bestFirst(int n) {
            return TrialResults.bestFirst(confirmed, n);
        }

        /** The same result without the confirmed trials' model texts (for reports, once the final model is taken). */
        public Result withoutModels() {
            return new Result(confirmed.stream().map(TrialResult::withoutModel).toList(), best.map(TrialResult::withoutModel), elapsed);
        }
    }

    /**
     * @param executor trains on every training row (and the same validation rows as the search)
     * @param retries  extra attempts of a confirmation whose execution throws
     */
    public Result execute(TrialExecutor executor, int retries, String label) {
        Objects.requireNonNull(executor, "executor");
        long start = System.nanoTime();
        RetryingTrialRunner runner = new RetryingTrialRunner(executor, retries, label);
        int threads = Math.max(1, Math.min(candidates.size(), executor.slots()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trial-confirmation");
            t.setDaemon(true);
            return t;
        });
        List<TrialResult> confirmed = new ArrayList<>();
        try {
            List<Future<TrialResult>> running = new ArrayList<>();
            for (TrialResult c : candidates) running.add(pool.submit(() -> runner.run(new TrialSpec(c.number(), c.params(), 1))));
            for (int i = 0; i < running.size(); i++) {
                TrialResult r = running.get(i).get();
                TrialResult sampled = candidates.get(i);
                LOG.info("{}: trial {} on every training row: PR-AUC {} at iteration {} (on the sample {} at {}){}", label, r.number(),
                        String.format("%.4f", r.value()), r.bestIteration(), String.format("%.4f", sampled.value()),
                        sampled.bestIteration(), r.failed() ? ", failed: " + r.error() : "");
                confirmed.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": confirmation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(label + ": confirmation runner failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Optional<TrialResult> best = TrialResults.best(confirmed);
        return new Result(List.copyOf(confirmed), best, Duration.ofNanos(System.nanoTime() - start));
    }
}
