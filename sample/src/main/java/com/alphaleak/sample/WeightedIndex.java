package com.alphaleak.sample;

/** Cumulative-weight tables for weighted sampling by binary search. */
final class WeightedIndex {
    private WeightedIndex() {}

    /** Running sums of non-negative weights. */
    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i] + "; weights must be finite and >= 0");
            }
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    /** Smallest i with {@code cumulative[i] > target}; the last index when none is (target at the very top). */
    static int find(double[] cumulative, double target) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
