package com.alphaleak.training.calibration;

/**
 * Platt scaling fitted on raw margins with Newton's method and backtracking line search, after
 * Lin, Lin and Weng (2007), "A note on Platt's probabilistic outputs for support vector machines".
 *
 * <p>Targets are Platt's smoothed labels {@code (N+ + 1) / (N+ + 2)} for positives and
 * {@code 1 / (N- + 2)} for negatives (weighted counts when weights are given), which keeps the fit
 * finite on separable slices. The objective is evaluated in the overflow-free form of the paper.
 *
 * <p>The input is the margin (log-odds), never a probability: a sigmoid of a sigmoid cannot
 * represent the identity, so fitting on probabilities can de-calibrate a model that was already
 * calibrated, and it compresses the tails where the 0.8 / 0.9 strategy thresholds live.
 */
public final class PlattCalibrator {
    static final int MAX_ITERATIONS = 100;
    static final double MIN_STEP = 1e-10;
    static final double SIGMA = 1e-12;
    static final double EPS = 1e-5;

    private PlattCalibrator() {}

    public static PlattFit fit(double[] margins, int[] labels) {
        return fit(margins, labels, null);
    }

    /**
     * @param weights non-negative row weights, or null for 1
     * @throws CalibrationException on empty input, length mismatch, non-finite margins or
     *                              weights, labels other than 0/1, or no positives or no negatives
     */
    public static PlattFit fit(double[] margins, int[] labels, double[] weights) {
        validate(margins, labels, weights);
        int n = margins.length;
        double prior1 = 0;
        double prior0 = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            if (labels[i] == 1) prior1 += w;
            else prior0 += w;
        }
        if (prior1 == 0 || prior0 == 0) {
            throw new CalibrationException("cannot calibrate on a slice with " + fmt(prior1) + " positive and "
                    + fmt(prior0) + " negative rows (weighted): both classes are needed");
        }
        double hi = (prior1 + 1) / (prior1 + 2);
        double lo = 1 / (prior0 + 2);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = labels[i] == 1 ? hi : lo;

        // Paper's convention: P(y=1|f) = 1 / (1 + exp(A f + B)).
        double A = 0;
        double B = Math.log((prior0 + 1) / (prior1 + 1));
        double fval = objective(margins, t, weights, A, B);
        int iter = 0;
        boolean converged = false;
        for (; iter < MAX_ITERATIONS; iter++) {
            double h11 = SIGMA, h22 = SIGMA, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < n; i++) {
                double w = weights == null ? 1 : weights[i];
                double fApB = margins[i] * A + B;
                double p, q;
                if (fApB >= 0) {
                    double e = Math.exp(-fApB);
                    p = e / (1 + e);
                    q = 1 / (1 + e);
                } else {
                    double e = Math.exp(fApB);
                    p = 1 / (1 + e);
                    q = e / (1 + e);
                }
                double d2 = p * q;
                h11 += w * margins[i] * margins[i] * d2;
                h22 += w * d2;
                h21 += w * margins[i] * d2;
                double d1 = t[i] - p;
                g1 += w * margins[i] * d1;
                g2 += w * d1;
            }
            if (Math.abs(g1) < EPS && Math.abs(g2) < EPS) {
                converged = true;
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            boolean accepted = false;
            while (step >= MIN_STEP) {
                double newA = A + step * dA;
                double newB = B + step * dB;
                double newf = objective(margins, t, weights, newA, newB);
                if (newf < fval + 0.0001 * step * gd) {
                    A = newA;
                    B = newB;
                    fval = newf;
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) break; // line search failed: as close as floating point allows
        }
        return new PlattFit(PlattParameters.fromSklearn(A, B), iter, converged, fval, prior1, prior0);
    }

    /** Weighted negative log-likelihood of smoothed targets at (A, B), paper's convention. */
    static double objective(double[] f, double[] t, double[] weights, double A, double B) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            double w = weights == null ? 1 : weights[i];
            double fApB = f[i] * A + B;
            sum += w * (fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB)));
        }
        return sum;
    }

    private static void validate(double[] margins, int[] labels, double[] weights) {
        if (margins == null || labels == null) throw new CalibrationException("margins and labels are required");
        if (margins.length != labels.length) {
            throw new CalibrationException("margins (" + margins.length + ") and labels (" + labels.length + ") differ in length");
        }
        if (weights != null && weights.length != margins.length) {
            throw new CalibrationException("weights (" + weights.length + ") and margins (" + margins.length + ") differ in length");
        }
        if (margins.length == 0) throw new CalibrationException("cannot calibrate on an empty slice");
        int badMargins = 0;
        int badLabels = 0;
        int badWeights = 0;
        for (int i = 0; i < margins.length; i++) {
            if (!Double.isFinite(margins[i])) badMargins++;
            if (labels[i] != 0 && labels[i] != 1) badLabels++;
            if (weights != null && (!Double.isFinite(weights[i]) || weights[i] < 0)) badWeights++;
        }
        if (badMargins > 0) throw new CalibrationException(badMargins + " of " + margins.length + " margins are NaN or infinite");
        if (badLabels > 0) throw new CalibrationException(badLabels + " of " + labels.length + " labels are not 0 or 1");
        if (badWeights > 0) throw new CalibrationException(badWeights + " of " + weights.length + " weights are negative or not finite");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
