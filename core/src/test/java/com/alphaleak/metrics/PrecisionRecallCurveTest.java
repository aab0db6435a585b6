package com.alphaleak.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrecisionRecallCurveTest {
    @Test
    void stepAreaEqualsAveragePrecisionAndEndsAtFullRecall() {
        Random r = new Random(2);
        for (int t = 0; t < 30; t++) {
            int n = 5 + r.nextInt(400);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(t % 2 == 0 ? 20 : 1_000_000);
                y[i] = r.nextDouble() < 0.2 ? 1 : 0;
            }
            y[0] = 1;
            PrecisionRecallCurve c = PrecisionRecallCurve.of(s, y);
            assertEquals(AveragePrecision.of(s, y), c.area(), 1e-12);
            assertEquals(1.0, c.recall()[c.recall().length - 1], 1e-12);
            // literal check of one point: precision at the k-th threshold
            int k = c.thresholds().length / 2;
            int tp = 0, all = 0;
            for (int i = 0; i < n; i++) if (s[i] >= c.thresholds()[k]) { all++; tp += y[i]; }
            assertEquals((double) tp / all, c.precision()[k], 1e-12);
        }
    }
}
