package com.alphaleak.metrics;

import java.util.Arrays;

/**
 * PR-AUC as average precision: {@code AP = sum_k (R_k - R_{k-1}) * P_k} over the distinct score
 * thresholds in decreasing order, where P_k and R_k are precision and recall of "score >= k-th
 * threshold". Rows with equal scores enter together (no interpolation, no arbitrary tie order),
 * which is what scikit-learn's {@code average_precision_score} and LightGBM's
 * {@code average_precision} metric compute.
 */
public final class AveragePrecision {
    private AveragePrecision() {}

    /**
     * @param scores higher means more likely positive; NaN is not allowed
     * @param labels 1 positive, 0 negative
     * @return average precision in [0, 1]; NaN when there is no positive
     */
    public static double of(double[] scores, int[] labels) {
        double[] w = new double[scores.length];
        Arrays.fill(w, 1.0);
        return of(scores, labels, w);
    }

    /** Weighted variant: each row counts with its weight in precision and recall. */
    public static double of(double[] scores, int[] labels, double[] weights) {
        int n = scores.length;
        if (labels.length != n || weights.length != n) {
            throw new IllegalArgumentException("scores, labels and weights differ in length: " + n + ", " + labels.length + ", " + weights.length);
        }
        return overOrder(scores, labels, weights, descending(scores));
    }

    /**
     * Row indices by decreasing score, rows of equal score next to each other (in no particular
     * order among themselves, which average precision does not depend on).
     */
    static int[] descending(double[] scores) {
        int n = scores.length;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
        }
        // Without boxing: (rank of the score, index) packed into one long. Equal scores get ranks
        // inside their block of the sorted copy, so ties stay contiguous.
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(sorted, scores[i]);
            keyed[i] = ((long) (n - 1 - rank) << 32) | i; // larger score -> smaller key
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keyed[i];
        return order;
    }

    /** The weighted average precision over rows already in {@link #descending} order; NaN without positive weight. */
    static double overOrder(double[] scores, int[] labels, double[] weights, int[] order) {
        double totalPos = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] == 1) totalPos += weights[i];
        if (totalPos == 0) return Double.NaN;
        double tp = 0, fp = 0, ap = 0, prevRecall = 0;
        int i = 0, n = order.length;
        while (i < n) {
            double s = scores[order[i]];
            while (i < n && scores[order[i]] == s) {
                int r = order[i++];
                if (labels[r] == 1) tp += weights[r]; else fp += weights[r];
            }
            double recall = tp / totalPos;
            if (tp + fp > 0) ap += (recall - prevRecall) * (tp / (tp + fp));
            prevRecall = recall;
        }
        return ap;
    }
}
