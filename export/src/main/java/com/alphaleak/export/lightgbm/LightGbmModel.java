package com.alphaleak.export.lightgbm;

import java.util.List;

/**
 * A parsed binary LightGBM model.
 *
 * @param sigmoid       the k of {@code objective=binary sigmoid:k}
 * @param averageOutput LightGBM's {@code average_output} ({@code boosting=rf}): the probability is
 *                      the sigmoid of the trees' average, while LightGBM's raw score stays their sum
 */
public record LightGbmModel(List<String> featureNames, int maxFeatureIndex, double sigmoid, boolean averageOutput,
                            List<LightGbmTree> trees) {

    public LightGbmModel {
        featureNames = List.copyOf(featureNames);
        trees = List.copyOf(trees);
        if (trees.isEmpty()) throw new UnsupportedModelException("the model has no trees");
        if (maxFeatureIndex < 0) throw new UnsupportedModelException("max_feature_idx=" + maxFeatureIndex + " is negative");
        if (!featureNames.isEmpty() && featureNames.size() != maxFeatureIndex + 1) {
            throw new UnsupportedModelException(featureNames.size() + " feature names for max_feature_idx=" + maxFeatureIndex);
        }
        if (!(sigmoid > 0) || !Double.isFinite(sigmoid)) throw new UnsupportedModelException("sigmoid " + sigmoid + " is not a positive number");
        for (int i = 0; i < trees.size(); i++) {
            int[] f = trees.get(i).splitFeature();
            for (int n = 0; n < f.length; n++) {
                if (f[n] > maxFeatureIndex) {
                    throw new UnsupportedModelException("Tree=" + i + ": field 'split_feature': node " + n + " splits on feature "
                            + f[n] + ", but max_feature_idx=" + maxFeatureIndex);
                }
            }
        }
    }

    /**
     * LightGBM's {@code raw_score}: the sum of the trees' leaf values in tree order, as LightGBM adds
     * them. For {@code average_output} models too: LightGBM returns the sum as the raw score
     * (measured with lightgbmlib 3.3.510 and the Python package 4.7.0) and averages only on the way
     * to the probability. Like LightGBM's dense-row predictor, values with
     * {@code |x| <= kZeroThreshold} count as 0.
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

    /** The log-odds the probability is the sigmoid of: the raw score, divided by the tree count for average_output. */
    public double logOdds(double margin) {
        return averageOutput ? margin / trees.size() : margin;
    }

    /** LightGBM's probability: {@code 1 / (1 + exp(-k * x))}, x the raw score (its average over the trees for average_output). */
    public double predictProbability(double[] row) {
        return 1.0 / (1.0 + Math.exp(-sigmoid * logOdds(predictMargin(row))));
    }

    /**
     * The factor s with probability = sigmoid(s * raw score): k, or k / trees for average_output
     * (equal to LightGBM's probability up to rounding; for calibration metrics, not for parity).
     */
    public double probabilityScale() {
        return averageOutput ? sigmoid / trees.size() : sigmoid;
    }

    public int numFeatures() {
        return maxFeatureIndex + 1;
    }
}
