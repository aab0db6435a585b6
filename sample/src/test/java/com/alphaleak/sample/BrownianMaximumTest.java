package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running-maximum formula (the oracle) against independent references, and the exact
 * bridge-maximum sampler against its distribution.
 */
class BrownianMaximumTest {
    @Test
    void withoutDriftTheFormulaIsTheReflectionPrinciple() {
        for (double level : new double[]{0.1, 0.7, 2.0}) {
            for (double duration : new double[]{0.5, 3.0, 40.0}) {
                double sigma = 0.45;
                double reflection = 2 * (1 - NormalDistribution.cdf(level / (sigma * Math.sqrt(duration))));
                assertEquals(reflection, BrownianMaximum.probabilityAtLeast(0, sigma, duration, level), 1e-9);
            }
        }
    }

    /** Brute force: fine random walks, with the Broadie-Glasserman continuity correction for discrete monitoring. */
    @Test
    void withDriftTheFormulaMatchesSimulatedPaths() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] cases = {{-0.5, 0.45, 2.0, Math.log(2)}, {0.1, 0.4, 10.0, Math.log(5)}, {-0.2, 0.6, 1.0, Math.log(2)}};
        int paths = 20_000;
        int steps = 1_000;
        for (double[] c : cases) {
            double nu = c[0];
            double sigma = c[1];
            double duration = c[2];
            double dt = duration / steps;
            // A discretely monitored walk misses crossings between steps: lower the level (Broadie-Glasserman).
            double shifted = c[3] - 0.5826 * sigma * Math.sqrt(dt);
            int hits = 0;
            for (int p = 0; p < paths; p++) {
                double x = 0;
                for (int s = 0; s < steps; s++) {
                    x += nu * dt + sigma * Math.sqrt(dt) * gaussian(random);
                    if (x >= shifted) {
                        hits++;
                        break;
                    }
                }
            }
            double expected = BrownianMaximum.probabilityAtLeast(nu, sigma, duration, c[3]);
            double se = Math.sqrt(expected * (1 - expected) / paths);
            assertEquals(expected, hits / (double) paths, 4 * se + 0.003, "case nu=" + nu + " T=" + duration);
        }
    }

    @Test
    void bridgeMaximumFollowsItsDistribution() {
        SplittableRandom random = new SplittableRandom(5);
        double start = 0.2;
        double end = -0.1;
        double variance = 0.3;
        int n = 200_000;
        double[] levels = {0.25, 0.5, 1.0};
        int[] above = new int[levels.length];
        for (int i = 0; i < n; i++) {
            double m = BrownianMaximum.bridgeMaximum(start, end, variance, 1 - random.nextDouble());
            assertTrue(m >= Math.max(start, end));
            for (int k = 0; k < levels.length; k++) {
                above[k] += m >= levels[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < levels.length; k++) {
            double p = Math.exp(-2 * (levels[k] - start) * (levels[k] - end) / variance);
            assertEquals(p, above[k] / (double) n, 4 * Math.sqrt(p * (1 - p) / n) + 1e-4, "level " + levels[k]);
        }
    }

    @Test
    void frozenOrCertainCases() {
        assertEquals(0.0, BrownianMaximum.probabilityAtLeast(0.3, 0.5, 0.0, 0.7));
        assertEquals(1.0, BrownianMaximum.probabilityAtLeast(-0.3, 0.5, 1.0, 0.0));
        assertEquals(0.4, BrownianMaximum.bridgeMaximum(0.4, 0.1, 0.0, 0.5));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
