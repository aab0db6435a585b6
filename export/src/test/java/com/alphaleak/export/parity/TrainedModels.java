package com.alphaleak.export.parity;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.lightgbm.NativeDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Real LightGBM models trained here (lightgbmlib) on generated data with NaNs, zeros and a
 * categorical feature, under settings that produce every construct the converter must handle:
 * missing types None / Zero / NaN, categorical bitsets, single-leaf trees.
 */
public final class TrainedModels {
    private TrainedModels() {}

    /** A model with its training matrix. */
    public record Trained(String text, DenseMatrix data, String settings) {}

    static DenseMatrix data(Random r, int rows, int cols) {
        double[] v = new double[rows * cols];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double logit = -1.5;
            for (int c = 0; c < cols; c++) {
                double x;
                if (c == 0) x = r.nextDouble() < 0.1 ? Double.NaN : r.nextInt(25);          // categorical
                else if (c == 1) x = r.nextDouble() < 0.3 ? 0.0 : r.nextGaussian();        // many zeros
                else if (c == 2) x = r.nextDouble() < 0.2 ? Double.NaN : r.nextGaussian() * 100; // NaNs
                else x = Math.round(r.nextGaussian() * 1000) / 1000.0;                     // ties at thresholds
                v[i * cols + c] = x;
            }
            double cat = v[i * cols];
            if (!Double.isNaN(cat) && ((int) cat) % 3 == 0) logit += 1.5;
            logit += v[i * cols + 1] + (Double.isNaN(v[i * cols + 2]) ? 1.0 : v[i * cols + 2] / 100);
            if (cols > 3) logit += 0.5 * v[i * cols + 3];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new DenseMatrix(rows, cols, v, y);
    }

    public static Trained train(long seed, int rows, int cols, String extra, int iterations) {
        DenseMatrix m = data(new Random(seed), rows, cols);
        boolean crossEntropy = extra.contains("objective=cross_entropy");
        if (crossEntropy) {
            // Soft labels, as a peak-labelled model learns from (tuning.peak-label).
            float[] soft = new float[m.rows()];
            for (int i = 0; i < soft.length; i++) soft[i] = m.labels()[i] == 1 ? 0.9f - 0.3f * (i % 4) / 3 : 0.05f * (i % 5);
            m = m.withTargets(soft);
        }
        String datasetParams = "max_bin=63 min_data_in_bin=1 categorical_feature=0 feature_pre_filter=false "
                + extra.replace("objective=cross_entropy", "");
        // LightGBM keeps the first occurrence of a key: the objective is given once.
        String params = (crossEntropy ? "" : "objective=binary ") + "deterministic=true force_row_wise=true num_threads=1 verbosity=-1 seed="
                + seed + " categorical_feature=0 " + extra;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) names.add("f_" + c);
        try (NativeDataset ds = NativeDataset.of(m, names, datasetParams, null);
             NativeBooster b = NativeBooster.create(ds, params)) {
            for (int i = 0; i < iterations; i++) b.updateOneIteration();
            return new Trained(b.modelString(0), m, extra);
        }
    }

    /** The settings the parity tests cover, one model each. */
    public static List<Trained> variety() {
        return List.of(
                train(1, 3000, 6, "num_leaves=31 min_data_in_leaf=5", 40),
                train(2, 3000, 6, "num_leaves=15 zero_as_missing=true", 30),
                train(3, 3000, 5, "num_leaves=8 use_missing=false", 30),
                train(4, 2000, 4, "num_leaves=63 min_data_in_leaf=1 min_sum_hessian_in_leaf=0 max_cat_to_onehot=64", 25),
                train(5, 80, 4, "num_leaves=4 min_data_in_leaf=30 learning_rate=0.5", 20),
                train(7, 90, 4, "num_leaves=4 min_data_in_leaf=50", 5),
                train(8, 400, 5, "num_leaves=6 min_gain_to_split=3 learning_rate=0.8", 30),
                train(6, 3000, 6, "num_leaves=31 learning_rate=0.3 lambda_l2=5 max_cat_threshold=8 cat_smooth=1 min_data_per_group=5", 60),
                train(9, 3000, 6, "objective=cross_entropy num_leaves=31 min_data_in_leaf=5", 40));
    }
}
