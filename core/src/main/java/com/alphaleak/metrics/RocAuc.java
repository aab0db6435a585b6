package com.alphaleak.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
 * scores higher than a random negative, ties counting one half (mid-ranks), which equals the
 * trapezoidal area of scikit-learn's {@code roc_auc_score}.
 */
public final class RocAuc {
    private RocAuc() {}

    /** @return AUC in [0, 1]; NaN when there is no positive or no negative */
    public static double of(double[] scores, int[] labels) {
        int n = scores.length;
        if (labels.length != n) throw new IllegalArgumentException("scores and labels differ in length");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
