package com.alphaleak.training.tpe;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Optuna 5.0's {@code _ParzenEstimator}: a weighted mixture with one component per observation plus
 * a prior component, each component a product over the parameters of a truncated normal kernel
 * (numerical) or a smoothed one-hot distribution (categorical). With one parameter this is the
 * univariate estimator; with all of them, the multivariate one (Optuna 5 uses the same per-dimension
 * bandwidths for both). Values are in {@link InternalSpace}'s internal representation.
 *
 * <p>Bandwidths, per parameter in the kernel space: each observation's distance to its farther
 * sorted neighbour (the range ends count as neighbours), except that the lowest and highest
 * observations take the distance to their inner neighbour (Optuna's {@code consider_endpoints=False});
 * then clipped to {@code [width / min(100, n + 2), width]} (the magic clip, n observations). The prior
 * sits at the middle with the full width as bandwidth and weight {@value #PRIOR_WEIGHT} before
 * normalisation.
 */
final class ParzenEstimator {
    static final double PRIOR_WEIGHT = 1.0;

    private final List<InternalSpace> spaces;
    private final double[] weights;
    private final double[] logWeights;
    /** Per parameter: kernel centres, bandwidths and log truncation masses (numerical), or null. */
    private final double[][] mus;
    private final double[][] sigmas;
    private final double[][] logMasses;
    /** Per parameter: component x choice probabilities (categorical), or null. */
    private final double[][][] categorical;

    /**
     * @param observations one row per trial, oldest first, one internal value per parameter
     * @param obsWeights   one weight per observation ({@link TpeSearch#weights(int)})
     */
    ParzenEstimator(List<InternalSpace> spaces, double[][] observations, double[] obsWeights) {
        this.spaces = List.copyOf(spaces);
        int n = observations.length;
        int d = spaces.size();
        double[] w = n == 0 ? new double[] {1.0} : Arrays.copyOf(obsWeights, n + 1);
        if (n > 0) w[n] = PRIOR_WEIGHT;
        double total = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) w[i] /= total;
        this.weights = w;
        this.logWeights = Arrays.stream(w).map(Math::log).toArray();
        mus = new double[d][];
        sigmas = new double[d][];
        logMasses = new double[d][];
        categorical = new double[d][][];
        for (int p = 0; p < d; p++) {
            InternalSpace s = spaces.get(p);
            double[] column = new double[n];
            for (int i = 0; i < n; i++) column[i] = observations[i][p];
            if (s.isCategorical()) {
                categorical[p] = categoricalWeights(column, s.choices());
            } else {
                numerical(p, s, column);
            }
        }
    }

    private static double[][] categoricalWeights(double[] observed, int choices) {
        int n = observed.length;
        if (n == 0) {
            double[][] uniform = new double[1][choices];
            Arrays.fill(uniform[0], 1.0 / choices);
            return uniform;
        }
        double[][] out = new double[n + 1][choices];
        for (int i = 0; i <= n; i++) {
            Arrays.fill(out[i], PRIOR_WEIGHT / (n + 1));
            if (i < n) out[i][(int) observed[i]] += 1;
            double rowSum = Arrays.stream(out[i]).sum();
            for (int c = 0; c < choices; c++) out[i][c] /= rowSum;
        }
        return out;
    }

    private void numerical(int p, InternalSpace s, double[] observed) {
        double low = s.adaptedLow();
        double high = s.adaptedHigh();
        int n = observed.length;
        double[] m = new double[n + 1];
        for (int i = 0; i < n; i++) m[i] = s.transform(observed[i]);
        double[] sg = Arrays.copyOf(sigmas(Arrays.copyOf(m, n), low, high), n + 1);
        m[n] = 0.5 * (low + high);
        sg[n] = high - low;
        double[] lm = new double[n + 1];
        for (int k = 0; k <= n; k++) lm[k] = TruncatedNormal.logMass((low - m[k]) / sg[k], (high - m[k]) / sg[k]);
        mus[p] = m;
        sigmas[p] = sg;
        logMasses[p] = lm;
    }

    /** Optuna 5.0's bandwidths for observations {@code mus} (kernel space) in [low, high]; see the class doc. */
    static double[] sigmas(double[] mus, double low, double high) {
        int n = mus.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // stable, as numpy's argsort is for the ties that matter here (equal values get equal sigmas anyway)
        Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
        double[] ends = new double[n + 2];
        ends[0] = low;
        for (int i = 0; i < n; i++) ends[i + 1] = mus[order[i]];
        ends[n + 1] = high;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) sorted[i] = Math.max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
        if (n >= 2) { // consider_endpoints = False
            sorted[0] = ends[2] - ends[1];
            sorted[n - 1] = ends[n] - ends[n - 1];
        }
        double max = high - low;
        double min = (high - low) / Math.min(100.0, 1.0 + (n + 1));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[order[i]] = Math.min(max, Math.max(min, sorted[i]));
        return out;
    }

    int dimensions() {
        return spaces.size();
    }

    /** {@code count} draws, one row each: a component by weight, then each parameter from that component. */
    double[][] sample(SplittableRandom rnd, int count) {
        double[][] out = new double[count][spaces.size()];
        for (int c = 0; c < count; c++) {
            int k = pick(rnd, weights);
            for (int p = 0; p < spaces.size(); p++) {
                InternalSpace s = spaces.get(p);
                out[c][p] = s.isCategorical() ? pick(rnd, categorical[p][k])
                        : s.untransform(TruncatedNormal.sample(rnd, mus[p][k], sigmas[p][k], s.adaptedLow(), s.adaptedHigh()));
            }
        }
        return out;
    }

    /** log of the mixture density at x (internal values; discrete parameters as probability masses). */
    double logPdf(double[] x) {
        double[] terms = logWeights.clone();
        for (int p = 0; p < spaces.size(); p++) {
            for (int k = 0; k < terms.length; k++) terms[k] += componentLogPdf(p, k, x[p]);
        }
        return logSumExp(terms);
    }

    /** log density (or mass) of parameter p's kernel in component k at internal value x. */
    double componentLogPdf(int p, int k, double x) {
        InternalSpace s = spaces.get(p);
        if (s.isCategorical()) return Math.log(categorical[p][k][(int) x]);
        double mu = mus[p][k];
        double sigma = sigmas[p][k];
        if (!s.isDiscrete()) {
            double y = s.transform(x);
            if (y < s.adaptedLow() || y > s.adaptedHigh()) return Double.NEGATIVE_INFINITY;
            double z = (y - mu) / sigma;
            return -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - logMasses[p][k];
        }
        double left = s.transform(x - s.step() / 2);
        double right = s.transform(x + s.step() / 2);
        return TruncatedNormal.logMass((left - mu) / sigma, (right - mu) / sigma) - logMasses[p][k];
    }

    static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) max = Math.max(max, t);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum);
    }

    double[] weights() {
        return weights.clone();
    }

    /** Kernel centres of numerical parameter p in the kernel space, the prior's last. */
    double[] mus(int p) {
        return mus[p].clone();
    }

    double[] sigmas(int p) {
        return sigmas[p].clone();
    }

    /** Component x choice probabilities of categorical parameter p. */
    double[][] categoricalWeights(int p) {
        return categorical[p];
    }

    private static int pick(SplittableRandom rnd, double[] p) {
        double u = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) return i;
        }
        return p.length - 1;
    }
}
