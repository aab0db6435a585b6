package com.alphaleak.sample;

import java.util.Arrays;

/**
 * One simulated log-price path of a token on a grid of offsets (micros after creation) that
 * contains every instant something is measured: signal times, the ends of their outcome
 * horizons, genesis windows, state snapshots, the rug and death. Between grid points the path is
 * a Brownian bridge whose maximum is drawn exactly, so the peak over any window between two grid
 * points is the exact continuous maximum: outcomes follow {@link TokenLatents#probabilityOfMultiple}
 * without discretisation bias.
 */
final class PricePath {
    private final long[] offsets;
    private final double[] logPrice;
    /** intervalMax[k]: maximum log price over (offsets[k], offsets[k + 1]]. */
    private final double[] intervalMax;

    private PricePath(long[] offsets, double[] logPrice, double[] intervalMax) {
        this.offsets = offsets;
        this.logPrice = logPrice;
        this.intervalMax = intervalMax;
    }

    /** Simulates the path over the sorted, de-duplicated grid (which must start at 0). */
    static PricePath simulate(TokenLatents t, long[] grid, Rng r) {
        long[] g = sortedUnique(grid);
        if (g.length == 0 || g[0] != 0) {
            throw new IllegalArgumentException("price grid must start at offset 0");
        }
        int n = g.length;
        double[] x = new double[n];
        double[] max = new double[Math.max(0, n - 1)];
        x[0] = t.launchLogPrice();
        double tauPrev = 0;
        for (int k = 0; k + 1 < n; k++) {
            double tau = t.activityTime(g[k + 1]);
            double dt = tau - tauPrev;
            tauPrev = tau;
            double variance = t.volatility() * t.volatility() * dt;
            x[k + 1] = x[k] + t.drift() * dt + Math.sqrt(variance) * r.gaussian();
            max[k] = BrownianMaximum.bridgeMaximum(x[k], x[k + 1], variance, r.openUniform());
        }
        if (t.rugged()) {
            int rug = Arrays.binarySearch(g, t.rugOffset());
            if (rug < 0) {
                throw new IllegalArgumentException("price grid must contain the rug offset");
            }
            double crashed = x[rug] - t.crash();
            for (int k = rug + 1; k < n; k++) {
                x[k] = crashed;
                max[k - 1] = crashed;
            }
        }
        return new PricePath(g, x, max);
    }

    static long[] sortedUnique(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    int size() {
        return offsets.length;
    }

    long offset(int index) {
        return offsets[index];
    }

    /** Grid index of an offset that is on the grid. */
    int index(long offset) {
        int i = Arrays.binarySearch(offsets, offset);
        if (i < 0) {
            throw new IllegalArgumentException("offset " + offset + " is not on the price grid");
        }
        return i;
    }

    /** Index of the last grid point at or before the offset. */
    int floorIndex(long offset) {
        int i = Arrays.binarySearch(offsets, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    double logPriceAt(int index) {
        return logPrice[index];
    }

    /** Maximum log price over (offsets[from], offsets[to]]; the start value when the window is empty. */
    double maxBetween(int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) {
            m = Math.max(m, intervalMax[k]);
        }
        return to > from ? m : logPrice[from];
    }

    /** Peak multiple over (offsets[from], offsets[to]] relative to the price at offsets[from]. */
    double peakMultiple(int from, int to) {
        return Math.exp(maxBetween(from, to) - logPrice[from]);
    }

    /** Maximum log price over [0, offsets[to]]. */
    double runningMax(int to) {
        return Math.max(logPrice[0], maxBetween(0, to));
    }

    /** First instant (approximately, within its grid interval) the log price reaches the level; -1 if never. */
    long firstReach(double level) {
        if (logPrice[0] >= level) {
            return 0;
        }
        for (int k = 0; k < intervalMax.length; k++) {
            if (intervalMax[k] >= level) {
                if (logPrice[k + 1] >= level) {
                    double f = (level - logPrice[k]) / (logPrice[k + 1] - logPrice[k]);
                    return offsets[k] + (long) (Math.min(1, Math.max(0, f)) * (offsets[k + 1] - offsets[k]));
                }
                return offsets[k] + (offsets[k + 1] - offsets[k]) / 2;
            }
        }
        return -1;
    }
}
