package com.alphaleak.training.data;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.SampleMethod;

import java.util.SplittableRandom;

/**
 * A seeded sample of a matrix's rows, without replacement, in their original (chronological)
 * order: what the trials of a sampled search train on. Either uniform over all rows, or every
 * positive with a uniform sample of the negatives ({@link #ofNegatives}).
 */
public final class RowSample {
    private RowSample() {}

    /**
     * The row indices of a uniform sample of {@code k} of {@code n} rows, ascending. Knuth's
     * selection sampling (Algorithm S): every k-subset is equally likely, one pass, and the indices
     * come out sorted, so the sample keeps the rows' order. The same {@code seed} gives the same sample.
     */
    public static int[] indices(int n, int k, long seed) {
        if (k < 0 || k > n) throw new IllegalArgumentException("cannot sample " + k + " of " + n + " rows");
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[k];
        int chosen = 0;
        for (int i = 0; i < n && chosen < k; i++) {
            // Row i is taken with probability (still needed) / (still available).
            if (random.nextInt(n - i) < k - chosen) out[chosen++] = i;
        }
        return out;
    }

    /**
     * How many of {@code rows} rows (with {@code positives} positive) a sampled search trains on: at
     * least {@code maxRows}, and at least enough that a uniform sample is expected to hold
     * {@code minPositives} positives: a trial's cost grows with its rows, what it can learn with its
     * positives, so a rare target is sampled less or not at all. {@code rows} (no sampling) when
     * {@code maxRows} is 0 or the bound reaches every row.
     */
    public static int size(int rows, long positives, int maxRows, int minPositives) {
        if (maxRows <= 0 || rows <= maxRows) return rows;
        if (positives <= 0) return rows;
        double forPositives = Math.ceil((double) minPositives * rows / positives);
        return (int) Math.min(rows, Math.max(maxRows, forPositives));
    }

    /** {@code m} itself when it has at most {@code maxRows} rows (or {@code maxRows} is 0), else a sample of exactly {@code maxRows}. */
    public static DenseMatrix of(DenseMatrix m, int maxRows, long seed) {
        if (maxRows <= 0 || m.rows() <= maxRows) return m;
        return select(m, indices(m.rows(), maxRows, seed));
    }

    /**
     * The training rows a sampled search's trials train on ({@code tuning.sample}): {@code train}
     * itself when it is not sampled. Both methods take the uniform sample of {@link #size} rows when
     * that is {@code maxRows}; where a rare target would need more (but not every row), keep-positives
     * takes every positive and negatives up to {@code maxRows} ({@link #ofNegatives}) instead of
     * growing the sample. Where the positives are too few for any sample, both search on every row.
     */
    public static DenseMatrix forSearch(DenseMatrix train, AlphaLeakConfig.SearchSample sample, long seed) {
        int uniformRows = size(train.rows(), train.positives(), sample.maxRows(), sample.minPositives());
        // Where a uniform sample would need every row, the positives are too few to search on fewer
        // rows at all: at 1M, genesis reach_5x_24h (3,534 positives, 154 validation positives)
        // searched on every positive and 250,000 rows deployed 0.2603 instead of 0.3049.
        if (sample.method() == SampleMethod.KEEP_POSITIVES && uniformRows > sample.maxRows() && uniformRows < train.rows()) {
            return ofNegatives(train, sample.maxRows(), seed);
        }
        return of(train, uniformRows, seed);
    }

    /**
     * Every positive row of {@code m} and a seeded uniform sample of its negatives, {@code maxRows}
     * rows in all but at least as many negatives as positives, in their original order; {@code m}
     * itself when that would keep every row (or {@code maxRows} is 0).
     */
    public static DenseMatrix ofNegatives(DenseMatrix m, int maxRows, long seed) {
        if (maxRows <= 0 || m.rows() <= maxRows) return m;
        int positives = (int) m.positives();
        int negatives = m.rows() - positives;
        int keptNegatives = Math.max(maxRows - positives, positives);
        if (keptNegatives >= negatives) return m;
        // Selection sampling over the negatives only, in one pass: positives are always taken.
        int[] chosenNegatives = indices(negatives, keptNegatives, seed);
        int[] rows = new int[positives + keptNegatives];
        int out = 0, negative = 0, next = 0;
        int[] labels = m.labels();
        for (int i = 0; i < m.rows(); i++) {
            if (labels[i] != 0) {
                rows[out++] = i;
            } else {
                if (next < chosenNegatives.length && chosenNegatives[next] == negative) {
                    rows[out++] = i;
                    next++;
                }
                negative++;
            }
        }
        return select(m, rows);
    }

    private static DenseMatrix select(DenseMatrix m, int[] rows) {
        int cols = m.cols();
        double[] values = new double[rows.length * cols];
        int[] labels = new int[rows.length];
        float[] targets = m.softTargets() ? new float[rows.length] : null;
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(m.values(), rows[r] * cols, values, r * cols, cols);
            labels[r] = m.labels()[rows[r]];
            if (targets != null) targets[r] = m.targets()[rows[r]];
        }
        return new DenseMatrix(rows.length, cols, values, labels, targets);
    }
}
