package com.alphaleak.training.search;

import com.alphaleak.training.data.SplitMatrices;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What every trial of one search trains on: the matrices and a key naming them. The key is what
 * lets trials running in the same JVM (one Spark executor, or the driver) share one binned LightGBM
 * dataset instead of binning the same rows again ({@link com.alphaleak.training.lightgbm.DatasetCache}).
 *
 * @param key unique per search (a random UUID from {@link #of}); two searches never share it, even
 *            in one JVM, across Spark applications or after a broadcast id is reused
 */
public record TrialData(String key, SplitMatrices matrices) implements Serializable {
    public TrialData {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(matrices, "matrices");
    }

    /** The trial part of {@code m} (train and validation) under a new unique key. */
    public static TrialData of(SplitMatrices m) {
        return new TrialData(m.target() + "-" + UUID.randomUUID(), m.forTrials());
    }
}
