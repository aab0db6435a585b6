package com.alphaleak.sample;

/**
 * Standard normal distribution function with an accurate logarithm in the far tails (the
 * Brownian running-maximum formula multiplies a huge exponential by a tiny tail probability).
 * Based on the Chebyshev-fitted complementary error function (fractional error below 1.2e-7
 * everywhere).
 */
final class NormalDistribution {
    private NormalDistribution() {}

    private static final double SQRT2 = Math.sqrt(2.0);

    /** P(Z <= x). */
    static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT2);
    }

    /** log P(Z <= x), accurate also for very negative x. */
    static double logCdf(double x) {
        if (x < -1.0) {
            return Math.log(0.5) + logErfcPositive(-x / SQRT2);
        }
        return Math.log(cdf(x));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double value = Math.exp(logErfcPositive(z));
        return x >= 0 ? value : 2.0 - value;
    }

    /** log erfc(z) for z >= 0. */
    private static double logErfcPositive(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        return Math.log(t) + poly;
    }
}
