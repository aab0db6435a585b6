package com.alphaleak.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocAucTest {
    /** Literal definition: share of (positive, negative) pairs ordered correctly, ties one half. */
    private static double bruteForce(double[] s, int[] y) {
        double good = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return good / pairs;
    }

    @Test
    void equalsThePairwiseDefinitionOnRandomScoresWithTies() {
        Random r = new Random(5);
        for (int t = 0; t < 50; t++) {
            int n = 2 + r.nextInt(300);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(t % 2 == 0 ? 10 : 100000) / 7.0;
                y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            }
            y[0] = 1;
            y[1] = 0;
            assertEquals(bruteForce(s, y), RocAuc.of(s, y), 1e-12, "case " + t);
        }
    }

    @Test
    void isNaNWithoutBothClasses() {
        assertTrue(Double.isNaN(RocAuc.of(new double[]{1, 2}, new int[]{1, 1})));
        assertTrue(Double.isNaN(RocAuc.of(new double[]{1, 2}, new int[]{0, 0})));
    }
}
