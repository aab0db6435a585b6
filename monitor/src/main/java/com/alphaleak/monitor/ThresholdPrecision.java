package com.alphaleak.monitor;

import com.alphaleak.metrics.Wilson;

/**
 * What the strategy actually got at a threshold: among signals with calibrated probability
 * {@code >= threshold} (the ones a strategy trades), the observed precision against the mean
 * probability the model promised for them. Only a shortfall is an alarm (the strategy loses
 * money on promises not kept); over-delivery is reported.
 *
 * <p>Level ACT when the Wilson upper bound at z-act is below the mean promise, WATCH likewise at
 * z-watch (one-sided false-alarm rates 0.13 % and 2.3 % per window at z 3 and 2 on a calibrated
 * model); INSUFFICIENT_DATA with fewer than {@code minSignals} signals above the threshold.
 */
public record ThresholdPrecision(double threshold, long signals, long hits, Double precision, Double meanPromised,
                                 Double wilsonLowWatch, Double wilsonHighWatch, Double wilsonHighAct, Level level) {

    public static ThresholdPrecision of(double[] p, int[] y, double threshold, int minSignals, double zWatch, double zAct) {
        long n = 0, hits = 0;
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= threshold) {
                n++;
                hits += y[i];
                sum += p[i];
            }
        }
        if (n == 0) {
            return new ThresholdPrecision(threshold, 0, 0, null, null, null, null, null, Level.INSUFFICIENT_DATA);
        }
        double promised = sum / n;
        Wilson w = Wilson.of(hits, n, zWatch);
        Wilson a = Wilson.of(hits, n, zAct);
        Level level = n < minSignals ? Level.INSUFFICIENT_DATA
                : a.high() < promised ? Level.ACT : w.high() < promised ? Level.WATCH : Level.OK;
        return new ThresholdPrecision(threshold, n, hits, (double) hits / n, promised, w.low(), w.high(), a.high(), level);
    }
}
