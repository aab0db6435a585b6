package com.alphaleak.training.calibration;

/**
 * Platt scaling parameters in this project's sign convention: {@value #CONVENTION}, where
 * {@code margin} is the model's raw score (log-odds). A useful model has {@code a > 0}.
 * scikit-learn writes the same curve as {@code 1 / (1 + exp(A * f + B))}, so {@code A = -a},
 * {@code B = -b}; the sidecar states the convention so hosts never have to guess.
 */
public record PlattParameters(double a, double b) {
    public static final String CONVENTION = "p = 1 / (1 + exp(-(a * margin + b)))";
    /** The identity on log-odds: calibrated probability = sigmoid(margin). */
    public static final PlattParameters IDENTITY = new PlattParameters(1.0, 0.0);

    public PlattParameters {
        if (!Double.isFinite(a) || !Double.isFinite(b)) throw new IllegalArgumentException("Platt parameters must be finite: a=" + a + ", b=" + b);
    }

    /** Calibrated probability of a raw margin; stable for any finite margin. */
    public double apply(double margin) {
        return Sigmoid.of(a * margin + b);
    }

    public double toSklearnA() {
        return -a;
    }

    public double toSklearnB() {
        return -b;
    }

    public static PlattParameters fromSklearn(double sklearnA, double sklearnB) {
        return new PlattParameters(-sklearnA, -sklearnB);
    }
}
