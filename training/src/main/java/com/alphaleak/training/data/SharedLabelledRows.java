package com.alphaleak.training.data;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One {@link LabelledRows} for the targets of a dataset that a training pass trains, possibly
 * several at once: collected by the first target that asks, handed to each target as its matrices,
 * and dropped (for the garbage collector) once every target has taken its matrices or said it
 * will not ({@link #release}). Thread-safe; a target waits while another collects.
 */
public final class SharedLabelledRows {
    private final Supplier<LabelledRows> collect;
    private final Set<String> pending;
    private LabelledRows rows;
    private int collections;

    /**
     * @param targets the targets that will {@link #take} or {@link #release}
     * @param collect collects the rows of all {@code targets} (called at most once while rows are held)
     */
    public SharedLabelledRows(Set<String> targets, Supplier<LabelledRows> collect) {
        this.pending = new LinkedHashSet<>(targets);
        this.collect = collect;
    }

    /** {@code target}'s matrices ({@link LabelledRows#forTarget}); collects the rows if no target did yet. */
    public synchronized SplitMatrices take(String target) {
        if (!pending.contains(target)) throw new IllegalStateException(target + " is not a pending target of " + pending);
        try {
            if (rows == null) {
                rows = collect.get();
                collections++;
            }
            return rows.forTarget(target);
        } finally {
            release(target);
        }
    }

    /** {@code target} needs no matrices (any more); the rows go when no target is pending. Idempotent. */
    public synchronized void release(String target) {
        pending.remove(target);
        if (pending.isEmpty()) rows = null;
    }

    /** Whether rows are held now. */
    public synchronized boolean holdsRows() {
        return rows != null;
    }

    /** How many times the rows were collected (1 for a pass whose targets all took theirs). */
    public synchronized int collections() {
        return collections;
    }
}
