package com.alphaleak.export.lightgbm;

import java.util.List;

/**
 * A parsed binary LightGBM model.
 *
 * @param sigmoid the k of {@code objective=binary sigmoid:k}: probability = 1 / (1 + exp(-k * margin))
 */
public record LightGbmModel(List<String> featureNames, int maxFeatureIndex, double sigmoid, List<LightGbmTree> trees) {

    /**
     * Raw score (log-odds): the sum of the trees' leaf values in tree order, as LightGBM adds them.
     * Like LightGBM's dense-row predictor, values with {@code |x| <= kZeroThreshold} count as 0.
     */
    public double predictMargin(double[] row) {
        double[] x = row;
        for (int i = 0; i < row.length; i++) {
            if (Math.abs(row[i]) <= LightGbmTree.ZERO_THRESHOLD && row[i] != 0.0) {
                if (x == row) x = row.clone();
                x[i] = 0.0;
            }
        }
        double sum = 0;
        for (LightGbmTree t : trees) sum += t.predict(x);
        return sum;
    }

    public double predictProbability(double[] row) {
        return 1.0 / (1.0 + Math.exp(-sigmoid * predictMargin(row)));
    }

    public int numFeatures() {
        return maxFeatureIndex + 1;
    }
}
