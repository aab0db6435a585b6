package com.alphaleak.training.tpe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParzenEstimatorTest {

    /** Normal density integrated by Simpson's rule: an oracle that shares no code with erf / erfc. */
    private static double gaussMass(double mu, double sigma, double a, double b) {
        int n = 4000;
        double h = (b - a) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = (a + i * h - mu) / sigma;
            double f = Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /** The mixture written out literally: sum_k w_k prod_p kernel_{p,k}(x_p), kernels normalised by numerical integration. */
    private static double bruteForceLogPdf(ParzenEstimator pe, List<InternalSpace> spaces, double[] x) {
        double[] w = pe.weights();
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            double product = w[k];
            for (int p = 0; p < spaces.size(); p++) {
                InternalSpace s = spaces.get(p);
                if (s.isCategorical()) {
                    product *= pe.categoricalWeights(p)[k][(int) x[p]];
                    continue;
                }
                double mu = pe.mus(p)[k], sigma = pe.sigmas(p)[k];
                double z = gaussMass(mu, sigma, s.adaptedLow(), s.adaptedHigh());
                if (s.isDiscrete()) {
                    product *= gaussMass(mu, sigma, s.transform(x[p] - 0.5), s.transform(x[p] + 0.5)) / z;
                } else {
                    double y = s.transform(x[p]);
                    product *= Math.exp(-0.5 * Math.pow((y - mu) / sigma, 2)) / (sigma * Math.sqrt(2 * Math.PI)) / z;
                }
            }
            sum += product;
        }
        return Math.log(sum);
    }

    private static InternalSpace randomSpace(Random rnd) {
        return InternalSpace.of(switch (rnd.nextInt(5)) {
            case 0 -> new Distribution.FloatRange(-3, -3 + 0.5 + 10 * rnd.nextDouble(), false);
            case 1 -> new Distribution.FloatRange(1e-3, 1e-3 * Math.pow(10, 1 + 3 * rnd.nextDouble()), true);
            case 2 -> new Distribution.IntRange(-5, 5 + rnd.nextInt(40), false);
            case 3 -> new Distribution.IntRange(1, 2 + rnd.nextInt(300), true);
            default -> new Distribution.Categorical(List.of("a", "b", "c", "d").subList(0, 2 + rnd.nextInt(3)));
        });
    }

    @Test
    void mixtureLogDensityEqualsABruteForceMixtureOnRandomMixedSpaces() {
        Random rnd = new Random(1);
        SplittableRandom draws = new SplittableRandom(2);
        for (int trial = 0; trial < 150; trial++) {
            List<InternalSpace> spaces = new ArrayList<>();
            for (int p = 0, d = 1 + rnd.nextInt(4); p < d; p++) spaces.add(randomSpace(rnd));
            int n = rnd.nextInt(35);
            double[][] obs = new double[n][];
            for (int i = 0; i < n; i++) obs[i] = spaces.stream().mapToDouble(s -> s.uniform(draws)).toArray();
            ParzenEstimator pe = new ParzenEstimator(spaces, obs, TpeSearch.weights(n));
            for (double[] x : pe.sample(draws, 3)) {
                double expected = bruteForceLogPdf(pe, spaces, x);
                assertEquals(expected, pe.logPdf(x), 1e-7 * Math.max(1, Math.abs(expected)), "trial " + trial + " " + spaces);
            }
        }
    }

    @Test
    void bandwidthsAreTheFartherNeighbourDistanceWithInnerDistancesAtTheEdgesAndMagicClip() {
        // sorted 1, 2, 4, 5 in [0, 10]: farther neighbours 1 (edge rule: inner gap 1), 2, 2, 1 (edge rule);
        // magic clip min = 10 / min(100, 4 + 2) = 10/6
        assertArrayEquals(new double[] {2, 10 / 6.0, 10 / 6.0, 2}, ParzenEstimator.sigmas(new double[] {4, 1, 5, 2}, 0, 10), 1e-12);
        // one observation: the edge rule needs two; its farther end is 9.5 away
        assertArrayEquals(new double[] {9.5}, ParzenEstimator.sigmas(new double[] {0.5}, 0, 10), 1e-12);
        // 0.5 and 9.5: each takes the gap to the other; nothing is wider than the range
        assertArrayEquals(new double[] {9, 9}, ParzenEstimator.sigmas(new double[] {0.5, 9.5}, 0, 10), 1e-12);
    }

    @Test
    void thePriorSitsMidRangeWithFullWidthAndOnlyThePriorWithoutObservations() {
        InternalSpace logInt = InternalSpace.of(new Distribution.IntRange(1, 100, true));
        ParzenEstimator empty = new ParzenEstimator(List.of(logInt), new double[0][], new double[0]);
        assertArrayEquals(new double[] {1.0}, empty.weights());
        double lo = Math.log(0.5), hi = Math.log(100.5);
        assertArrayEquals(new double[] {(lo + hi) / 2}, empty.mus(0), 1e-12);
        assertArrayEquals(new double[] {hi - lo}, empty.sigmas(0), 1e-12);
        ParzenEstimator two = new ParzenEstimator(List.of(logInt), new double[][] {{3}, {40}}, TpeSearch.weights(2));
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, two.weights(), 1e-15);
        assertEquals(Math.log(3), two.mus(0)[0], 1e-15); // log-integers are observed at log(value)
    }

    @Test
    void discreteAndCategoricalMassesSumToOne() {
        for (Distribution d : List.of(new Distribution.IntRange(1, 12, false), new Distribution.IntRange(1, 300, true))) {
            InternalSpace s = InternalSpace.of(d);
            ParzenEstimator p = new ParzenEstimator(List.of(s), new double[][] {{3}, {3}, {7}, {12}}, TpeSearch.weights(4));
            double total = 0;
            for (int v = (int) s.low(); v <= s.high(); v++) total += Math.exp(p.logPdf(new double[] {v}));
            assertEquals(1.0, total, 1e-9, d.toString());
        }
        InternalSpace cats = InternalSpace.of(new Distribution.Categorical(List.of("a", "b", "c")));
        ParzenEstimator c = new ParzenEstimator(List.of(cats), new double[][] {{0}, {0}, {2}}, TpeSearch.weights(3));
        double catTotal = 0;
        for (int v = 0; v < 3; v++) catTotal += Math.exp(c.logPdf(new double[] {v}));
        assertEquals(1.0, catTotal, 1e-12);
        // Optuna's kernel rows: prior_weight / (n + 1) = 1/4 on each choice + 1 on the observed one, normalised:
        // an "a" row gives a 5/7, the "c" row gives a 1/7, the prior row 1/3; four equal weights
        assertEquals((2 * (5.0 / 7) + 1.0 / 7 + 1.0 / 3) / 4, Math.exp(c.logPdf(new double[] {0})), 1e-12);
    }

    @Test
    void samplesFollowTheDensityTheEstimatorScores() {
        SplittableRandom rnd = new SplittableRandom(5);
        // a log-integer: sample frequencies of every value against exp(logPdf)
        InternalSpace s = InternalSpace.of(new Distribution.IntRange(1, 40, true));
        ParzenEstimator p = new ParzenEstimator(List.of(s), new double[][] {{2}, {3}, {30}, {8}}, TpeSearch.weights(4));
        int draws = 200_000;
        int[] counts = new int[41];
        for (double[] x : p.sample(rnd, draws)) counts[(int) x[0]]++;
        double chi2 = 0;
        for (int v = 1; v <= 40; v++) {
            double expected = draws * Math.exp(p.logPdf(new double[] {v}));
            chi2 += Math.pow(counts[v] - expected, 2) / expected;
        }
        assertTrue(chi2 < 80, "chi-square over 39 degrees of freedom: " + chi2); // p ~ 1e-4
        // a float range: ten equal bins, expected mass per bin by integrating exp(logPdf)
        InternalSpace f = InternalSpace.of(new Distribution.FloatRange(-2, 3, false));
        ParzenEstimator q = new ParzenEstimator(List.of(f), new double[][] {{-1.9}, {0}, {0.3}, {2.5}}, TpeSearch.weights(4));
        int[] bins = new int[10];
        for (double[] x : q.sample(rnd, draws)) bins[Math.min(9, (int) ((x[0] + 2) / 0.5))]++;
        double chi2f = 0;
        for (int b = 0; b < 10; b++) {
            double mass = 0;
            for (int i = 0; i < 500; i++) mass += Math.exp(q.logPdf(new double[] {-2 + 0.5 * b + (i + 0.5) * 0.001})) * 0.001;
            chi2f += Math.pow(bins[b] - draws * mass, 2) / (draws * mass);
        }
        assertTrue(chi2f < 35, "chi-square over 9 degrees of freedom: " + chi2f);
    }

    @Test
    void logGaussMassKeepsFarTailsFinite() {
        assertEquals(Math.log(TruncatedNormal.ndtr(1) - TruncatedNormal.ndtr(-2)), TruncatedNormal.logMass(-2, 1), 1e-14);
        // far in a tail the mass underflows a plain difference of CDFs; the asymptotic series keeps it
        double far = TruncatedNormal.logMass(40, 40.5);
        assertTrue(Double.isFinite(far) && far < -800, "log mass of [40, 40.5]: " + far);
        assertEquals(TruncatedNormal.logMass(-40.5, -40), far, 1e-9);
        assertEquals(0.0013498980316300933, TruncatedNormal.ndtr(-3), 1e-17); // scipy.stats.norm.cdf(-3)
        assertEquals(2.866515718791933e-07, TruncatedNormal.ndtr(-5), 1e-20); // scipy.stats.norm.cdf(-5)
        assertEquals(0.8427007929497149, Erf.erf(1), 1e-16); // math.erf(1)
    }
}
