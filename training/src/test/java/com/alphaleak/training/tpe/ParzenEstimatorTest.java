package com.alphaleak.training.tpe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParzenEstimatorTest {
    /** Literal mixture density: sum_k w_k * N(x; mu_k, sigma_k) / Z_k over [low, high]. */
    private static double referenceLogPdf(ParzenEstimator p, double x, double low, double high) {
        double sum = 0;
        for (int k = 0; k < p.weights().length; k++) {
            double mu = p.mus()[k], s = p.sigmas()[k];
            double pdf = Math.exp(-0.5 * Math.pow((x - mu) / s, 2)) / (s * Math.sqrt(2 * Math.PI));
            double z = TruncatedNormal.phi((high - mu) / s) - TruncatedNormal.phi((low - mu) / s);
            sum += p.weights()[k] * pdf / z;
        }
        return Math.log(sum);
    }

    @Test
    void mixtureLogDensityEqualsTheLiteralFormulaOnRandomInputs() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            double low = -10 + 5 * rnd.nextDouble();
            double high = low + 0.5 + 10 * rnd.nextDouble();
            InternalSpace space = InternalSpace.of(new Distribution.FloatRange(low, high, false));
            int n = 1 + rnd.nextInt(30);
            double[] obs = new double[n];
            for (int i = 0; i < n; i++) obs[i] = low + (high - low) * (rnd.nextInt(4) == 0 ? 0.5 : rnd.nextDouble());
            ParzenEstimator p = new ParzenEstimator(space, obs, TpeSearch.weights(n));
            double x = low + (high - low) * rnd.nextDouble();
            assertEquals(referenceLogPdf(p, x, low, high), p.logPdf(x), 1e-9, "trial " + trial);
        }
    }

    @Test
    void bandwidthsAreNeighbourDistancesClippedWithThePriorAtFullWidth() {
        double[] sigmas = ParzenEstimator.numericalSigmas(new double[]{1, 2, 4, 5}, 0, 10); // last = prior at 5
        // sorted 1, 2, 4, 5(prior) 5 -> edges use the inner neighbour; min clip = 10 / 5 = 2
        assertEquals(List.of(2.0, 2.0, 2.0, 10.0), java.util.Arrays.stream(sigmas).boxed().toList());
        // sorted 0.5, 5(prior), 9.5: every gap is 4.5; the edge rule takes the inner gap
        double[] wide = ParzenEstimator.numericalSigmas(new double[]{0.5, 9.5, 5}, 0, 10);
        assertEquals(4.5, wide[0], 1e-12);
        assertEquals(4.5, wide[1], 1e-12);
        assertEquals(10.0, wide[2], 1e-12);
    }

    @Test
    void discreteAndCategoricalMassesSumToOne() {
        InternalSpace ints = InternalSpace.of(new Distribution.IntRange(1, 12, false));
        ParzenEstimator p = new ParzenEstimator(ints, new double[]{3, 3, 7, 12}, TpeSearch.weights(4));
        double total = 0;
        for (int v = 1; v <= 12; v++) total += Math.exp(p.logPdf(v));
        assertEquals(1.0, total, 1e-6);

        InternalSpace cats = InternalSpace.of(new Distribution.Categorical(List.of("a", "b", "c")));
        ParzenEstimator c = new ParzenEstimator(cats, new double[]{0, 0, 2}, TpeSearch.weights(3));
        double catTotal = Math.exp(c.logPdf(0)) + Math.exp(c.logPdf(1)) + Math.exp(c.logPdf(2));
        assertEquals(1.0, catTotal, 1e-12);
        // Optuna's kernel rows: prior_weight / (n + 1) = 1/4 on each choice + 1 on the observed one, normalised:
        // an "a" row gives a 5/7, the "c" row gives a 1/7, the prior row 1/3; four equal weights
        assertEquals((2 * (5.0 / 7) + 1.0 / 7 + 1.0 / 3) / 4, Math.exp(c.logPdf(0)), 1e-12);
    }
}
