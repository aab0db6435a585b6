package com.alphaleak.training.backtest;

import com.alphaleak.metrics.Wilson;

/**
 * Signals at or above a strategy threshold and how many of them hit: precision with its 95 %
 * Wilson interval (the interval a strategy's promised hit rate is checked against).
 *
 * @param precision NaN when no signal reaches the threshold
 */
public record ThresholdHits(double threshold, long signals, long hits, double precision, double wilsonLow, double wilsonHigh) {
    public static final double Z95 = 1.959963984540054;

    public static ThresholdHits of(double[] probabilities, int[] labels, double threshold) {
        long n = 0, h = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] >= threshold) {
                n++;
                h += labels[i];
            }
        }
        Wilson w = Wilson.of(h, n, Z95);
        return new ThresholdHits(threshold, n, h, n == 0 ? Double.NaN : (double) h / n, w.low(), w.high());
    }
}
