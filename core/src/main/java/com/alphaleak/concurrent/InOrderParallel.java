package com.alphaleak.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks with at most {@code n} at once and returns their results in submission order.
 *
 * <p>Failure semantics: after the first task fails no further task starts; tasks already running
 * finish; then the failure of the earliest submitted failed task is thrown as it was (a
 * {@link RuntimeException} or {@link Error} unchanged, so exit-code mapping still sees the
 * project's exceptions), with later failures attached as suppressed. Queued tasks that never
 * started are skipped silently.
 *
 * <p>With {@code n == 1} tasks run one after another in submission order, as a plain loop would.
 */
public final class InOrderParallel {
    private InOrderParallel() {}

    public static <T> List<T> run(List<? extends Callable<T>> tasks, int n, String threadName) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, was " + n);
        if (tasks.isEmpty()) return List.of();
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, tasks.size()), r -> {
            Thread t = new Thread(r, threadName + "-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A fixed pool starts queued tasks in submission order; the flag skips the queued ones once
        // something failed.
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) throw new NotStarted();
                    try {
                        return task.call();
                    } catch (Throwable e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<T> out = new ArrayList<>(tasks.size());
            Throwable first = null;
            for (Future<T> f : futures) {
                try {
                    T v = f.get();
                    if (first == null) out.add(v);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof NotStarted) continue;
                    if (first == null) first = cause;
                    else first.addSuppressed(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new IllegalStateException("interrupted while waiting for " + threadName + " tasks", e);
                }
            }
            if (first instanceof RuntimeException re) throw re;
            if (first instanceof Error err) throw err;
            if (first != null) throw new IllegalStateException(first.getMessage(), first);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A queued task skipped because an earlier one failed. */
    private static final class NotStarted extends RuntimeException {
        NotStarted() {
            super(null, null, false, false);
        }
    }
}
