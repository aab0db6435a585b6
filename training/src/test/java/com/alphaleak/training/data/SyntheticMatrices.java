package com.alphaleak.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small learnable binary problems for training tests: a few informative features (one with
 * NaNs, one with many zeros), the rest noise, and a positive rate around {@code baseRate}.
 */
public final class SyntheticMatrices {
    private SyntheticMatrices() {}

    public static SplitMatrices of(long seed, int trainRows, int validationRows, int cols, double baseRate) {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f" + c);
        return new SplitMatrices(names, "reach_2x_1h", matrix(r, trainRows, cols, baseRate),
                matrix(r, validationRows, cols, baseRate), null);
    }

    public static DenseMatrix matrix(Random r, int rows, int cols, double baseRate) {
        double[] v = new double[rows * cols];
        int[] y = new int[rows];
        double offset = Math.log(baseRate / (1 - baseRate));
        for (int i = 0; i < rows; i++) {
            double logit = offset;
            for (int c = 0; c < cols; c++) {
                double x = r.nextGaussian();
                if (c == 1 && r.nextDouble() < 0.15) x = Double.NaN;
                if (c == 2 && r.nextDouble() < 0.3) x = 0.0;
                v[i * cols + c] = x;
                if (c < 3 && !Double.isNaN(x)) logit += (c == 0 ? 1.5 : 0.8) * x;
            }
            if (cols > 3) logit += 0.7 * v[i * cols + 3] * (Double.isNaN(v[i * cols + 1]) ? 1 : 0);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new DenseMatrix(rows, cols, v, y);
    }

    /**
     * {@code m} with its training slice learning from soft targets: each 0/1 label moved towards the
     * other class by up to {@code spread} (deterministically per row), so every target stays on its
     * label's side of 0.5.
     */
    public static SplitMatrices softened(SplitMatrices m, double spread) {
        DenseMatrix train = m.train();
        float[] t = new float[train.rows()];
        for (int i = 0; i < t.length; i++) {
            double u = spread * ((i * 7919L) % 101) / 100.0;
            t[i] = (float) (train.labels()[i] == 1 ? 1 - u : u);
        }
        return m.withTrain(train.withTargets(t));
    }
}
