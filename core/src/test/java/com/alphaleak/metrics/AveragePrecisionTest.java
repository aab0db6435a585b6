package com.alphaleak.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AveragePrecisionTest {

    /** Reference: the mean over positives of the precision at that positive's score (ties included). */
    static double reference(double[] s, int[] y) {
        int pos = 0;
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            if (y[i] != 1) continue;
            pos++;
            int atOrAbove = 0, posAtOrAbove = 0;
            for (int j = 0; j < s.length; j++) {
                if (s[j] >= s[i]) {
                    atOrAbove++;
                    posAtOrAbove += y[j];
                }
            }
            sum += (double) posAtOrAbove / atOrAbove;
        }
        return pos == 0 ? Double.NaN : sum / pos;
    }

    @Test
    void matchesTheDefinitionOnRandomInputsWithTies() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 500; t++) {
            int n = 1 + rnd.nextInt(60);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(1 + rnd.nextInt(10)); // few distinct values: many ties
                y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
            }
            double ref = reference(s, y);
            double got = AveragePrecision.of(s, y);
            if (Double.isNaN(ref)) assertTrue(Double.isNaN(got));
            else assertEquals(ref, got, 1e-12, "trial " + t);
        }
    }

    @Test
    void knownValues() {
        // scikit-learn: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
        assertEquals(5.0 / 6.0, AveragePrecision.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(1.0, AveragePrecision.of(new double[] {3, 2, 1}, new int[] {1, 0, 0}), 0);
        // All tied: precision is the base rate.
        assertEquals(0.25, AveragePrecision.of(new double[] {1, 1, 1, 1}, new int[] {1, 0, 0, 0}), 1e-12);
    }

    @Test
    void weightsActLikeRepeatedRows() {
        double[] s = {0.9, 0.5, 0.5, 0.1};
        int[] y = {0, 1, 0, 1};
        double weighted = AveragePrecision.of(s, y, new double[] {2, 1, 3, 1});
        double repeated = AveragePrecision.of(new double[] {0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.1}, new int[] {0, 0, 1, 0, 0, 0, 1});
        assertEquals(repeated, weighted, 1e-12);
    }
}
