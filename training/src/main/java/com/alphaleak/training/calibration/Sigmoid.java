package com.alphaleak.training.calibration;

/** The logistic function without overflow for large |x|. */
final class Sigmoid {
    private Sigmoid() {}

    static double of(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
