package com.alphaleak.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragePrecisionIntervalTest {

    /** Rows whose positive rate rises with the score: a model with some skill, base rate about 0.1. */
    private static Object[] world(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextDouble();
            y[i] = rnd.nextDouble() < 0.2 * s[i] * s[i] * 1.5 ? 1 : 0;
        }
        return new Object[] {s, y};
    }

    @Test
    void eachResampleEqualsAveragePrecisionOfTheExpandedRowsOnRandomInputsWithTies() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(80);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(1 + rnd.nextInt(8)); // few distinct values: many ties
                y[i] = rnd.nextDouble() < 0.25 ? 1 : 0;
            }
            long seed = rnd.nextLong();
            double[] fast = AveragePrecisionInterval.resampled(s, y, 5, seed);
            // The same draws, as explicit rows: the brute-force reference sorts each resample again.
            SplittableRandom draw = new SplittableRandom(seed);
            for (int b = 0; b < 5; b++) {
                double[] rs = new double[n];
                int[] ry = new int[n];
                for (int i = 0; i < n; i++) {
                    int r = draw.nextInt(n);
                    rs[i] = s[r];
                    ry[i] = y[r];
                }
                double expected = AveragePrecision.of(rs, ry);
                if (Double.isNaN(expected)) assertTrue(Double.isNaN(fast[b]), "case " + t + " resample " + b);
                else assertEquals(expected, fast[b], 1e-12, "case " + t + " resample " + b);
            }
        }
    }

    @Test
    void coversTheSlicesPopulationPrAucAtAboutItsLevel() {
        Object[] big = world(400_000, 1);
        double population = AveragePrecision.of((double[]) big[0], (int[]) big[1]);
        int covered = 0, samples = 60;
        for (int k = 0; k < samples; k++) {
            Object[] w = world(3_000, 100 + k);
            if (AveragePrecisionInterval.of((double[]) w[0], (int[]) w[1], 400, 0.95, k).contains(population)) covered++;
        }
        assertTrue(covered >= 51 && covered <= 60, "95 % intervals covered the population PR-AUC " + covered + " of " + samples + " times");
    }

    @Test
    void narrowsAboutAsOneOverTheSquareRootOfTheRows() {
        Object[] small = world(2_000, 3), large = world(32_000, 4);
        AveragePrecisionInterval a = AveragePrecisionInterval.of((double[]) small[0], (int[]) small[1]);
        AveragePrecisionInterval b = AveragePrecisionInterval.of((double[]) large[0], (int[]) large[1]);
        double ratio = (a.upper() - a.lower()) / (b.upper() - b.lower());
        assertTrue(ratio > 2.8 && ratio < 5.5, "16x the rows should narrow the interval about 4x, got " + ratio);
        double point = AveragePrecision.of((double[]) large[0], (int[]) large[1]);
        assertTrue(b.contains(point), b + " should contain the point estimate " + point);
    }

    @Test
    void isReproducibleAndUndefinedWithoutPositives() {
        Object[] w = world(1_000, 6);
        assertEquals(AveragePrecisionInterval.of((double[]) w[0], (int[]) w[1]), AveragePrecisionInterval.of((double[]) w[0], (int[]) w[1]));
        AveragePrecisionInterval none = AveragePrecisionInterval.of(new double[] {0.1, 0.2}, new int[] {0, 0});
        assertTrue(Double.isNaN(none.lower()) && Double.isNaN(none.upper()));
        assertThrows(IllegalArgumentException.class, () -> AveragePrecisionInterval.of(new double[] {Double.NaN}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> AveragePrecisionInterval.of(new double[] {1}, new int[] {1}, 0, 0.95, 1));
    }
}
