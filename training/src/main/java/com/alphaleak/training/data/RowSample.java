package com.alphaleak.training.data;

import java.util.SplittableRandom;

/**
 * A seeded uniform sample of a matrix's rows, without replacement, in their original
 * (chronological) order: what the trials of a sampled search train on.
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
        int[] rows = indices(m.rows(), maxRows, seed);
        int cols = m.cols();
        double[] values = new double[rows.length * cols];
        int[] labels = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(m.values(), rows[r] * cols, values, r * cols, cols);
            labels[r] = m.labels()[rows[r]];
        }
        return new DenseMatrix(rows.length, cols, values, labels);
    }
}
