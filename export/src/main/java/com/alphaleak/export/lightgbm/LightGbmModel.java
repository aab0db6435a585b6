package com.alphaleak.export.lightgbm;

import java.util.List;

/**
 * A parsed binary LightGBM model.
 *
 * @param sigmoid the k of {@code objective=binary sigmoid:k}: probability = 1 / (1 + exp(-k * margin))
 */
public record LightGbmModel(List<String> featureNames, int maxFeatureIndex, double sigmoid, List<LightGbmTree> trees) {

    /** Raw score (log-odds): the sum of the trees' leaf values in tree order, as LightGBM adds them. */
    public double predictMargin(double[] row) {
        double sum = 0;
        for (LightGbmTree t : trees) sum += t.predict(row);
        return sum;
    }

    public double predictProbability(double[] row) {
        return 1.0 / (1.0 + Math.exp(-sigmoid * predictMargin(row)));
    }

    public int numFeatures() {
        return maxFeatureIndex + 1;
    }
}
