package com.alphaleak.config;

/**
 * Which training rows a sampled search's trials train on ({@code alphaleak.tuning.sample.method}).
 */
public enum SampleMethod implements ConfigEnum {
    /**
     * A seeded uniform sample of {@code max-rows} rows, made larger to hold {@code min-positives}
     * positives (expected): a rare target's search keeps most of its rows.
     */
    UNIFORM,
    /**
     * Every positive and a seeded uniform sample of the negatives, {@code max-rows} rows in all (at
     * least as many negatives as positives): a rare target's search costs what a common one's does
     * and still learns from all its positives. The trials see a higher positive rate than the full
     * rows (like a larger {@code scale_pos_weight}); they only rank parameter sets, and the confirmation
     * retrains the best on every row.
     */
    NEGATIVES;

    /** {@code uniform}, {@code negatives}. */
    @Override
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName();
    }
}
