package com.alphaleak.training.tpe;

import java.util.SplittableRandom;

/** Normal distributions truncated to [low, high]: CDF, log density and sampling. */
final class TruncatedNormal {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private TruncatedNormal() {}

    /** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double phi(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Probability mass of N(mu, sigma) inside [low, high], floored to keep logs finite. */
    static double mass(double mu, double sigma, double low, double high) {
        return Math.max(phi((high - mu) / sigma) - phi((low - mu) / sigma), 1e-300);
    }

    static double logPdf(double x, double mu, double sigma, double low, double high) {
        if (x < low || x > high) return Double.NEGATIVE_INFINITY;
        double z = (x - mu) / sigma;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - Math.log(mass(mu, sigma, low, high));
    }

    /** Rejection sampling; falls back to a uniform draw when the interval holds almost no mass. */
    static double sample(SplittableRandom rnd, double mu, double sigma, double low, double high) {
        for (int i = 0; i < 1000; i++) {
            double x = mu + sigma * gaussian(rnd);
            if (x >= low && x <= high) return x;
        }
        return low + (high - low) * rnd.nextDouble();
    }

    static double gaussian(SplittableRandom rnd) {
        // Box-Muller on a SplittableRandom, so the whole search stays reproducible from one seed.
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
