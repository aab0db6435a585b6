package com.alphaleak.training.tpe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One parameter's Parzen estimator as in Optuna's {@code TPESampler} (univariate): a weighted
 * mixture of truncated normal kernels (numerical) or smoothed one-hot kernels (categorical), one per
 * observation, plus a prior kernel. Numerical values live in the internal space of
 * {@link InternalSpace} (log for log ranges; integers widened by half a step and scored as
 * discrete masses).
 */
final class ParzenEstimator {
    /** Optuna's defaults. */
    static final double PRIOR_WEIGHT = 1.0;

    private final InternalSpace space;
    private final double[] weights;
    private final double[] mus;
    private final double[] sigmas;
    private final double[][] categorical;

    /**
     * @param observations internal values (numerical) or choice indices (categorical), oldest trial first
     * @param obsWeights   one weight per observation (from {@link TpeSearch#weights(int)})
     */
    ParzenEstimator(InternalSpace space, double[] observations, double[] obsWeights) {
        this(space, observations, obsWeights, Double.NaN);
    }

    /**
     * @param sigmaFraction NaN: univariate bandwidths from neighbour distances; otherwise the
     *                      multivariate rule: every observation's sigma is this fraction of the range
     *                      (Optuna: 0.2 * n^(-1 / (d + 4)), Scott's rule as in BOHB), magic-clipped
     */
    ParzenEstimator(InternalSpace space, double[] observations, double[] obsWeights, double sigmaFraction) {
        this.space = space;
        int n = observations.length;
        double[] w = Arrays.copyOf(obsWeights, n + 1);
        w[n] = PRIOR_WEIGHT;
        double total = Arrays.stream(w).sum();
        for (int i = 0; i <= n; i++) w[i] /= total;
        this.weights = w;
        if (space.isCategorical()) {
            int k = space.choices();
            categorical = new double[n + 1][k];
            for (int i = 0; i <= n; i++) {
                // Optuna's smoothing: prior_weight / (n + 1) on every choice, +1 on the observed one
                Arrays.fill(categorical[i], PRIOR_WEIGHT / (n + 1));
                if (i < n) categorical[i][(int) observations[i]] += 1;
                double rowSum = Arrays.stream(categorical[i]).sum();
                for (int c = 0; c < k; c++) categorical[i][c] /= rowSum;
            }
            mus = null;
            sigmas = null;
        } else {
            categorical = null;
            double low = space.low();
            double high = space.high();
            mus = Arrays.copyOf(observations, n + 1);
            mus[n] = 0.5 * (low + high);
            if (Double.isNaN(sigmaFraction)) {
                sigmas = numericalSigmas(mus, low, high);
            } else {
                sigmas = new double[n + 1];
                double min = (high - low) / Math.min(100.0, 1.0 + (n + 1));
                for (int i = 0; i < n; i++) sigmas[i] = Math.min(high - low, Math.max(min, sigmaFraction * (high - low)));
                sigmas[n] = high - low;
            }
        }
    }

    /** Neighbour distances with endpoints, Optuna's edge rule and magic clip; the prior's sigma is the full width. */
    static double[] numericalSigmas(double[] mus, double low, double high) {
        int m = mus.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
        double[] withEnds = new double[m + 2];
        withEnds[0] = low;
        for (int i = 0; i < m; i++) withEnds[i + 1] = mus[order[i]];
        withEnds[m + 1] = high;
        double[] sorted = new double[m];
        for (int i = 0; i < m; i++) {
            sorted[i] = Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
        }
        if (withEnds.length >= 4) { // consider_endpoints = false
            sorted[0] = withEnds[2] - withEnds[1];
            sorted[m - 1] = withEnds[m] - withEnds[m - 1];
        }
        double[] sigmas = new double[m];
        for (int i = 0; i < m; i++) sigmas[order[i]] = sorted[i];
        double max = high - low;
        double min = (high - low) / Math.min(100.0, 1.0 + m);
        for (int i = 0; i < m; i++) sigmas[i] = Math.min(max, Math.max(min, sigmas[i]));
        sigmas[m - 1] = high - low;
        return sigmas;
    }

    /** One draw from mixture component {@code k} (multivariate sampling picks k once for all parameters). */
    double sampleComponent(SplittableRandom rnd, int k) {
        if (categorical != null) return pick(rnd, categorical[k]);
        return space.snap(TruncatedNormal.sample(rnd, mus[k], sigmas[k], space.low(), space.high()));
    }

    /** Log density (or mass) of each mixture component at {@code x}, without the mixture weights. */
    double[] componentLogPdfs(double x) {
        double[] out = new double[weights.length];
        for (int k = 0; k < weights.length; k++) out[k] = componentLogPdf(k, x);
        return out;
    }

    private double componentLogPdf(int k, double x) {
        if (categorical != null) return Math.log(categorical[k][(int) x]);
        if (space.isDiscrete()) {
            double half = space.step() / 2;
            double mass = TruncatedNormal.phi((x + half - mus[k]) / sigmas[k]) - TruncatedNormal.phi((x - half - mus[k]) / sigmas[k]);
            return Math.log(Math.max(mass, 1e-300)) - Math.log(TruncatedNormal.mass(mus[k], sigmas[k], space.low(), space.high()));
        }
        return TruncatedNormal.logPdf(x, mus[k], sigmas[k], space.low(), space.high());
    }

    /** Picks a mixture component by weight. */
    int pickComponent(SplittableRandom rnd) {
        return pick(rnd, weights);
    }

    double[] sample(SplittableRandom rnd, int count) {
        double[] out = new double[count];
        for (int s = 0; s < count; s++) {
            int k = pick(rnd, weights);
            if (categorical != null) {
                out[s] = pick(rnd, categorical[k]);
            } else {
                double x = TruncatedNormal.sample(rnd, mus[k], sigmas[k], space.low(), space.high());
                out[s] = space.snap(x);
            }
        }
        return out;
    }

    /** Log density (or log mass, for discrete and categorical values) of the mixture at an internal value. */
    double logPdf(double x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            terms[k] = Math.log(weights[k]) + componentLogPdf(k, x);
            max = Math.max(max, terms[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum);
    }

    double[] mus() {
        return mus;
    }

    double[] sigmas() {
        return sigmas;
    }

    double[] weights() {
        return weights;
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
