package com.alphaleak.metrics;

/**
 * Wilson score interval of a binomial proportion: stays inside [0, 1] and keeps close to its
 * nominal coverage for small counts and rates near 0 or 1, where the normal interval fails.
 */
public record Wilson(double low, double high) {

    /**
     * @param successes hits
     * @param n         trials (0 gives the uninformative [0, 1])
     * @param z         standard normal quantile (1.96 = 95 % two-sided, 3.0 = 99.73 %)
     */
    public static Wilson of(long successes, long n, double z) {
        if (n <= 0) return new Wilson(0, 1);
        double p = (double) successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Wilson(Math.max(0, center - half), Math.min(1, center + half));
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
