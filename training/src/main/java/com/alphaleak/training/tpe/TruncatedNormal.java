package com.alphaleak.training.tpe;

import java.util.SplittableRandom;

/**
 * Standard normal CDF in log space and truncated normal densities, masses and draws, computed as
 * Optuna's {@code _truncnorm} does (tails in log space, so far-away kernels keep finite log masses
 * instead of underflowing to -inf and flipping the acquisition).
 */
final class TruncatedNormal {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT1_2 = Math.sqrt(0.5);

    private TruncatedNormal() {}

    /** Standard normal CDF, accurate in both tails (via erfc). */
    static double ndtr(double a) {
        double x = a * SQRT1_2;
        if (x < -SQRT1_2) return 0.5 * Erf.erfc(-x);
        if (x < SQRT1_2) return 0.5 + 0.5 * Erf.erf(x);
        return 1.0 - 0.5 * Erf.erfc(x);
    }

    /** log of the standard normal CDF; below -20 by its asymptotic series, as Optuna. */
    static double logNdtr(double a) {
        if (a > 6) return -ndtr(-a);
        if (a > -20) return Math.log(ndtr(a));
        double logLhs = -0.5 * a * a - Math.log(-a) - LOG_SQRT_2PI;
        double last = 0, rhs = 1, numerator = 1, denomFactor = 1, denomCons = 1 / (a * a);
        int sign = 1;
        for (int i = 1; Math.abs(last - rhs) > Math.ulp(1.0); i++) {
            last = rhs;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rhs += sign * numerator * denomFactor;
        }
        return logLhs + Math.log(rhs);
    }

    /** log of the standard normal mass in [a, b] (a <= b). */
    static double logMass(double a, double b) {
        if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
        if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
        return Math.log1p(-ndtr(a) - ndtr(-b));
    }

    private static double logDiff(double logP, double logQ) {
        return logP + Math.log1p(-Math.exp(logQ - logP));
    }

    /** log density at x of N(mu, sigma) truncated to [low, high]; -inf outside. */
    static double logPdf(double x, double mu, double sigma, double low, double high) {
        if (x < low || x > high) return Double.NEGATIVE_INFINITY;
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logMass((low - mu) / sigma, (high - mu) / sigma);
    }

    /**
     * A draw of N(mu, sigma) truncated to [low, high] by rejection. The estimator's kernels are
     * centred inside their interval with sigma at most its width, so at least a third of the
     * draws land inside and the loop ends quickly; inverse-CDF sampling would need a
     * high-precision quantile function for the same distribution.
     */
    static double sample(SplittableRandom rnd, double mu, double sigma, double low, double high) {
        while (true) {
            double x = mu + sigma * gaussian(rnd);
            if (x >= low && x <= high) return x;
        }
    }

    static double gaussian(SplittableRandom rnd) {
        // Box-Muller on a SplittableRandom, so the whole search stays reproducible from one seed.
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
