package com.alphaleak.training.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A dense, row-major feature matrix with 0/1 labels: what a LightGBM trial trains or evaluates on.
 * Missing feature values are {@code NaN} (LightGBM's own missing marker). Immutable by contract:
 * the arrays are not copied, so callers must not change them after construction.
 *
 * @param values  row-major, {@code rows * cols} entries
 * @param labels  one 0/1 label per row: what every metric, early stopping and Platt scaling read
 * @param targets what a booster fitted on these rows learns from, one value in [0, 1] per row (a soft
 *                label: {@link PeakLabel}), or null for the 0/1 labels themselves
 */
public record DenseMatrix(int rows, int cols, double[] values, int[] labels, float[] targets) implements Serializable {
    public DenseMatrix(int rows, int cols, double[] values, int[] labels) {
        this(rows, cols, values, labels, null);
    }

    public DenseMatrix {
        if (targets != null && targets.length != rows) {
            throw new IllegalArgumentException("targets has " + targets.length + " entries, expected " + rows);
        }
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + rows);
        }
    }

    public long positives() {
        long p = 0;
        for (int y : labels) p += y;
        return p;
    }

    public double get(int row, int col) {
        return values[row * cols + col];
    }

    public double[] row(int r) {
        return Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
    }

    /** Whether a booster fitted on these rows learns from soft {@link #targets} (cross entropy) rather than the 0/1 labels. */
    public boolean softTargets() {
        return targets != null;
    }

    /** The same rows learning from {@code t} (null: from the 0/1 labels). */
    public DenseMatrix withTargets(float[] t) {
        return new DenseMatrix(rows, cols, values, labels, t);
    }

    /**
     * What LightGBM's label field gets: the soft {@link #targets} when set, else the 0/1 labels as
     * floats. A validation matrix has no targets, so the PR-AUC LightGBM evaluates is on 0/1 labels.
     */
    public float[] floatLabels() {
        if (targets != null) return targets;
        float[] f = new float[rows];
        for (int i = 0; i < rows; i++) f[i] = labels[i];
        return f;
    }

    public static DenseMatrix ofRows(List<double[]> rows, int[] labels) {
        int cols = rows.isEmpty() ? 0 : rows.get(0).length;
        double[] v = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, v, r * cols, cols);
        return new DenseMatrix(rows.size(), cols, v, labels);
    }
}
