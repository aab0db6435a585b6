package com.alphaleak.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Precision and recall of "score >= t" at every distinct score t, in decreasing t (rows with equal
 * scores enter together). The step area {@code sum (R_k - R_{k-1}) P_k} is {@link AveragePrecision}.
 *
 * @param thresholds distinct scores, decreasing
 */
public record PrecisionRecallCurve(double[] thresholds, double[] precision, double[] recall) {

    public static PrecisionRecallCurve of(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        double totalPos = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            totalPos += labels[i];
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] t = new double[n], p = new double[n], r = new double[n];
        int k = 0;
        double tp = 0, fp = 0;
        int i = 0;
        while (i < n) {
            double s = scores[order[i]];
            while (i < n && scores[order[i]] == s) {
                if (labels[order[i]] == 1) tp++; else fp++;
                i++;
            }
            t[k] = s;
            p[k] = tp / (tp + fp);
            r[k] = totalPos == 0 ? Double.NaN : tp / totalPos;
            k++;
        }
        return new PrecisionRecallCurve(Arrays.copyOf(t, k), Arrays.copyOf(p, k), Arrays.copyOf(r, k));
    }

    /** The step area under the curve (equals average precision). */
    public double area() {
        double a = 0, prev = 0;
        for (int k = 0; k < recall.length; k++) {
            a += (recall[k] - prev) * precision[k];
            prev = recall[k];
        }
        return a;
    }
}
