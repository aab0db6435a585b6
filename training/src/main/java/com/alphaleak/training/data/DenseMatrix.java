package com.alphaleak.training.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A dense, row-major feature matrix with 0/1 labels: what a LightGBM trial trains or evaluates on.
 * Missing feature values are {@code NaN} (LightGBM's own missing marker). Immutable by contract:
 * the arrays are not copied, so callers must not change them after construction.
 *
 * @param values row-major, {@code rows * cols} entries
 * @param labels one 0/1 label per row
 */
public record DenseMatrix(int rows, int cols, double[] values, int[] labels) implements Serializable {
    public DenseMatrix {
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

    /** Labels as floats, the type LightGBM's label field takes. */
    public float[] floatLabels() {
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
