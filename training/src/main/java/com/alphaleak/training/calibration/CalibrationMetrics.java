package com.alphaleak.training.calibration;

import com.alphaleak.metrics.Wilson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Brier score, log loss, expected and maximum calibration error and reliability tables.
 *
 * <p>Fixed bins split [0, 1] into equal widths; a probability p goes to bin
 * {@code min(floor(p * bins), bins - 1)}, so each bin is [lower, upper) and the last includes 1.
 * Equal-mass bins hold {@code rows / bins} rows each after sorting by p, except that rows with
 * equal p never straddle a boundary (the boundary moves past the tie), so a bin may hold more.
 * ECE is the row-weighted mean of |mean predicted - observed rate| over non-empty bins.
 */
public final class CalibrationMetrics {
    public static final int DEFAULT_BINS = 10;
    static final double LOG_EPS = 1e-15;
    private static final double Z95 = 1.959963984540054;

    private CalibrationMetrics() {}

    public static CalibrationReport of(double[] probabilities, int[] labels) {
        return of(probabilities, labels, DEFAULT_BINS);
    }

    public static CalibrationReport of(double[] p, int[] y, int bins) {
        if (p.length != y.length) throw new IllegalArgumentException("probabilities (" + p.length + ") and labels (" + y.length + ") differ in length");
        if (p.length == 0) throw new IllegalArgumentException("no rows to evaluate");
        for (double v : p) if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("probability outside [0, 1]: " + v);
        double brier = 0;
        double logLoss = 0;
        for (int i = 0; i < p.length; i++) {
            brier += (p[i] - y[i]) * (p[i] - y[i]);
            double q = Math.min(1 - LOG_EPS, Math.max(LOG_EPS, p[i]));
            logLoss -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        List<ReliabilityBin> fixed = fixedBins(p, y, bins);
        List<ReliabilityBin> mass = equalMassBins(p, y, bins);
        double mce = fixed.stream().filter(b -> b.count() > 0).mapToDouble(b -> Math.abs(b.meanPredicted() - b.observedRate())).max().orElse(0);
        return new CalibrationReport(p.length, brier / p.length, logLoss / p.length, ece(fixed, p.length), ece(mass, p.length), mce, fixed, mass);
    }

    static List<ReliabilityBin> fixedBins(double[] p, int[] y, int bins) {
        long[] count = new long[bins];
        double[] sumP = new double[bins];
        long[] pos = new long[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min((int) Math.floor(p[i] * bins), bins - 1);
            count[b]++;
            sumP[b] += p[i];
            pos[b] += y[i];
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(bin((double) b / bins, (double) (b + 1) / bins, count[b], sumP[b], pos[b]));
        }
        return out;
    }

    static List<ReliabilityBin> equalMassBins(double[] p, int[] y, int bins) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        List<ReliabilityBin> out = new ArrayList<>();
        int start = 0;
        for (int b = 0; b < bins && start < p.length; b++) {
            int end = b == bins - 1 ? p.length : (int) Math.round((double) p.length * (b + 1) / bins);
            end = Math.max(end, start + 1);
            while (end < p.length && p[order[end]] == p[order[end - 1]]) end++;
            double sumP = 0;
            long pos = 0;
            for (int k = start; k < end; k++) {
                sumP += p[order[k]];
                pos += y[order[k]];
            }
            double upper = end < p.length ? p[order[end]] : 1.0;
            out.add(bin(p[order[start]], upper, end - start, sumP, pos));
            start = end;
        }
        return out;
    }

    private static ReliabilityBin bin(double lower, double upper, long n, double sumP, long pos) {
        if (n == 0) return new ReliabilityBin(lower, upper, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double rate = (double) pos / n;
        Wilson w = Wilson.of(pos, n, Z95);
        return new ReliabilityBin(lower, upper, n, sumP / n, rate, w.low(), w.high());
    }

    private static double ece(List<ReliabilityBin> bins, long rows) {
        double e = 0;
        for (ReliabilityBin b : bins) {
            if (b.count() > 0) e += (double) b.count() / rows * Math.abs(b.meanPredicted() - b.observedRate());
        }
        return e;
    }
}
