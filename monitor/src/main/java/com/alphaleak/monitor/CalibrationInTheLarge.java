package com.alphaleak.monitor;

import com.alphaleak.metrics.Wilson;

/**
 * Calibration in the large of one window: the observed hit rate against the mean calibrated
 * probability the model gave the same signals.
 *
 * <p>The interval is the Wilson interval of the observed rate, shifted by the mean prediction
 * (the mean prediction is a known constant of the window, not an estimate), so
 * {@code difference in [ciLow, ciHigh]} holds exactly when the mean prediction is inside the
 * Wilson interval. Under a calibrated model the variance of the observed rate is
 * {@code sum p(1-p) / n^2}, at most the binomial {@code pbar(1-pbar)/n} the interval assumes,
 * so the test is conservative when predictions vary. {@code zScore} is
 * {@code (observed - expected hits) / sqrt(sum p(1-p))}, the exact standardised difference
 * under calibration, reported for reference.
 *
 * @param difference observed rate minus mean predicted (negative = the model over-promises)
 * @param ciLowAct   lower end of the difference interval at z-act (ciHighAct likewise)
 * @param ciLowWatch lower end at z-watch
 */
public record CalibrationInTheLarge(long n, long positives, double meanPredicted, double observedRate,
                                    double difference, double ciLowWatch, double ciHighWatch,
                                    double ciLowAct, double ciHighAct, double zScore, Level level) {

    public static CalibrationInTheLarge of(double[] p, int[] y, double zWatch, double zAct) {
        int n = p.length;
        double sumP = 0, var = 0;
        long pos = 0;
        for (int i = 0; i < n; i++) {
            sumP += p[i];
            var += p[i] * (1 - p[i]);
            pos += y[i];
        }
        if (n == 0) {
            return new CalibrationInTheLarge(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Level.INSUFFICIENT_DATA);
        }
        double mean = sumP / n;
        double obs = (double) pos / n;
        Wilson w = Wilson.of(pos, n, zWatch);
        Wilson a = Wilson.of(pos, n, zAct);
        Level level = !a.contains(mean) ? Level.ACT : !w.contains(mean) ? Level.WATCH : Level.OK;
        double z = var > 0 ? (pos - sumP) / Math.sqrt(var) : 0;
        return new CalibrationInTheLarge(n, pos, mean, obs, obs - mean, w.low() - mean, w.high() - mean,
                a.low() - mean, a.high() - mean, z, level);
    }
}
