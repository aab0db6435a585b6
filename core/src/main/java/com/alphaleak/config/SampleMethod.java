package com.alphaleak.config;

/**
 * Which training rows a sampled search's trials train on ({@code alphaleak.tuning.sample.method}).
 */
public enum SampleMethod implements ConfigEnum {
    /**
     * A seeded uniform sample of {@code max-rows} rows, made larger to hold {@code min-positives}
     * positives (expected), none when that needs every row: a rare target's search keeps most of its rows.
     */
    UNIFORM,
    /**
     * As {@link #UNIFORM} when a uniform sample of {@code max-rows} rows is expected to hold
     * {@code min-positives} positives; otherwise every positive and a seeded uniform sample of the
     * negatives, {@code max-rows} rows in all (at least as many negatives as positives), so a rare
     * target's search costs what a common one's does and still learns from all its positives. Its
     * trials then see a higher positive rate than the full rows; they only rank parameter sets, and
     * the confirmation retrains the best on every row.
     */
    KEEP_POSITIVES;

    /** The {@link #configName()}: {@code uniform}, {@code keep-positives}. */
    @Override
    public String toString() {
        return configName();
    }
}
