package com.alphaleak.features.split;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * A chronological split would leave a slice empty: too few rows, too few distinct times, a
 * fraction that rounds to zero rows, or ties at a boundary that swallow the older slice. The
 * message names the dataset and gives the counts. Bad input for the command (exit 3): nothing is written.
 */
public final class EmptySplitException extends AlphaLeakException {
    private final String dataset;

    public EmptySplitException(String dataset, String detail) {
        super(ExitCodes.BAD_INPUT, "cannot split dataset '" + dataset + "' chronologically: " + detail);
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
