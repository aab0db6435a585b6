package com.alphaleak.sample;

/**
 * The running maximum of Brownian motion with drift, {@code X(u) = nu * u + sigma * W(u)}: its
 * exact tail probability (the simulator's oracle) and exact sampling of the maximum between two
 * simulated points (so simulated outcomes follow that probability exactly, without
 * discretisation bias).
 */
final class BrownianMaximum {
    private BrownianMaximum() {}

    /**
     * P(max over 0 <= u <= duration of X(u) >= level), X(0) = 0. Level <= 0 is certain; a
     * non-positive duration (a frozen price) never rises.
     */
    static double probabilityAtLeast(double nu, double sigma, double duration, double level) {
        if (level <= 0) {
            return 1.0;
        }
        if (!(duration > 0) || !(sigma > 0)) {
            return 0.0;
        }
        double spread = sigma * Math.sqrt(duration);
        double direct = NormalDistribution.cdf((nu * duration - level) / spread);
        double logReflected = 2.0 * nu * level / (sigma * sigma)
                + NormalDistribution.logCdf((-level - nu * duration) / spread);
        double p = direct + Math.exp(logReflected);
        return Math.min(1.0, Math.max(0.0, p));
    }

    /**
     * Draws the maximum of a Brownian bridge from {@code start} to {@code end} whose increment
     * has the given variance (drift does not matter once both ends are fixed):
     * P(max >= m) = exp(-2 (m - start)(m - end) / variance) for m >= max(start, end).
     *
     * @param u uniform in (0, 1]
     */
    static double bridgeMaximum(double start, double end, double variance, double u) {
        if (!(variance > 0)) {
            return Math.max(start, end);
        }
        double d = end - start;
        return 0.5 * (start + end + Math.sqrt(d * d - 2.0 * variance * Math.log(u)));
    }
}
