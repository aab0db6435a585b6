package com.alphaleak.monitor;

import com.alphaleak.metrics.Wilson;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error over {@code bins} fixed-width bins of [0, 1]:
 * {@code ECE = sum_b (n_b / n) * |observed_b - meanPredicted_b|}, where bin b holds
 * {@code b/B <= p < (b+1)/B} and p = 1 falls in the last bin. Also the reliability table.
 */
public final class ExpectedCalibrationError {
    private ExpectedCalibrationError() {}

    /** One reliability bin; mean and rate are null for an empty bin. */
    public record Bin(double lower, double upper, long count, long positives, Double meanPredicted, Double observedRate,
                      Double wilsonLow, Double wilsonHigh) {}

    public record Result(double ece, List<Bin> reliability) {}

    public static int binOf(double p, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) Math.floor(p * bins)));
    }

    /** @param z z of each bin's Wilson interval (reported, not used in ECE) */
    public static Result of(double[] p, int[] y, int bins, double z) {
        long[] n = new long[bins];
        long[] pos = new long[bins];
        double[] sumP = new double[bins];
        for (int i = 0; i < p.length; i++) {
            int b = binOf(p[i], bins);
            n[b]++;
            pos[b] += y[i];
            sumP[b] += p[i];
        }
        double ece = 0;
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (n[b] == 0) {
                out.add(new Bin((double) b / bins, (double) (b + 1) / bins, 0, 0, null, null, null, null));
                continue;
            }
            double mean = sumP[b] / n[b];
            double obs = (double) pos[b] / n[b];
            ece += (double) n[b] / p.length * Math.abs(obs - mean);
            Wilson w = Wilson.of(pos[b], n[b], z);
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, n[b], pos[b], mean, obs, w.low(), w.high()));
        }
        return new Result(p.length == 0 ? Double.NaN : ece, out);
    }
}
