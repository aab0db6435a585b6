package com.alphaleak.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap interval of average precision ({@link AveragePrecision}): the rows are
 * resampled with replacement {@code resamples} times and the interval is the {@code (1 - level) / 2}
 * and {@code (1 + level) / 2} quantiles of the resamples' average precision. On a few hundred
 * positives one slice's PR-AUC moves by several hundredths; the interval says how far.
 *
 * <p>The rows are sorted once; a resample is a vector of multinomial counts, and its average
 * precision is the weighted one over the same order (ties still enter together), so a resample
 * costs O(rows) instead of a sort. Resamples without a positive are left out (their PR-AUC is
 * undefined). Seeded: the same inputs give the same interval.
 *
 * @param lower     lower bound (NaN when no resample has a positive)
 * @param upper     upper bound (NaN when no resample has a positive)
 * @param level     nominal coverage, e.g. 0.95
 * @param resamples bootstrap resamples drawn
 */
public record AveragePrecisionInterval(double lower, double upper, double level, int resamples) {

    /** Resamples of {@link #of(double[], int[])}: enough for stable 2.5 / 97.5 % quantiles. */
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final double DEFAULT_LEVEL = 0.95;
    public static final long DEFAULT_SEED = 20261207L;

    /** The 95 % interval from {@value #DEFAULT_RESAMPLES} resamples and a fixed seed. */
    public static AveragePrecisionInterval of(double[] scores, int[] labels) {
        return of(scores, labels, DEFAULT_RESAMPLES, DEFAULT_LEVEL, DEFAULT_SEED);
    }

    public static AveragePrecisionInterval of(double[] scores, int[] labels, int resamples, double level, long seed) {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        double[] values = resampled(scores, labels, resamples, seed);
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (finite.length == 0) return new AveragePrecisionInterval(Double.NaN, Double.NaN, level, resamples);
        return new AveragePrecisionInterval(quantile(finite, (1 - level) / 2), quantile(finite, (1 + level) / 2), level, resamples);
    }

    /** Whether {@code x} lies in the interval (bounds included). */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    /** Average precision of each resample (NaN for one without a positive), in draw order. */
    static double[] resampled(double[] scores, int[] labels, int resamples, long seed) {
        int n = scores.length;
        if (labels.length != n) throw new IllegalArgumentException("scores and labels differ in length: " + n + ", " + labels.length);
        int[] order = AveragePrecision.descending(scores);
        int[] counts = new int[n];
        double[] weights = new double[n];
        double[] out = new double[resamples];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) counts[rnd.nextInt(n)]++;
            for (int i = 0; i < n; i++) weights[i] = counts[i];
            out[b] = AveragePrecision.overOrder(scores, labels, weights, order);
        }
        return out;
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
