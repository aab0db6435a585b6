package com.alphaleak.features.split;

/**
 * A chronological split would leave a slice empty: too few rows, too few distinct times, a
 * fraction that rounds to zero rows, or ties at a boundary that swallow the older slice. The
 * message names the dataset and gives the counts.
 */
public final class EmptySplitException extends IllegalArgumentException {
    private final String dataset;

    public EmptySplitException(String dataset, String detail) {
        super("cannot split dataset '" + dataset + "' chronologically: " + detail);
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
