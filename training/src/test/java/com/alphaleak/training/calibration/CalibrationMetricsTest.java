package com.alphaleak.training.calibration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationMetricsTest {
    @Test
    void brierLogLossAndFixedBinEceEqualTheirDefinitions() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(400);
            double[] p = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = rnd.nextInt(10) == 0 ? Math.round(rnd.nextDouble() * 10) / 10.0 : rnd.nextDouble(); // bin edges too
                y[i] = rnd.nextDouble() < p[i] ? 1 : 0;
            }
            CalibrationReport r = CalibrationMetrics.of(p, y, 10);
            double brier = 0, logLoss = 0, ece = 0;
            for (int i = 0; i < n; i++) {
                brier += (p[i] - y[i]) * (p[i] - y[i]) / n;
                double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
                logLoss -= (y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q)) / n;
            }
            for (int b = 0; b < 10; b++) {
                double sumP = 0, pos = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    boolean in = b == 9 ? p[i] >= 0.9 : p[i] >= b / 10.0 && p[i] < (b + 1) / 10.0;
                    if (in) {
                        count++;
                        sumP += p[i];
                        pos += y[i];
                    }
                }
                if (count > 0) ece += (double) count / n * Math.abs(sumP / count - pos / count);
            }
            assertEquals(brier, r.brier(), 1e-12);
            assertEquals(logLoss, r.logLoss(), 1e-9);
            assertEquals(ece, r.ece(), 1e-9, "trial " + trial);
            assertEquals(n, r.fixedBins().stream().mapToLong(ReliabilityBin::count).sum());
            assertEquals(n, r.equalMassBins().stream().mapToLong(ReliabilityBin::count).sum());
        }
    }

    @Test
    void equalMassBinsHoldEqualCountsAndKeepTiesTogether() {
        double[] p = new double[1000];
        int[] y = new int[1000];
        for (int i = 0; i < p.length; i++) p[i] = i / 1000.0;
        List<ReliabilityBin> bins = CalibrationMetrics.of(p, y, 10).equalMassBins();
        assertEquals(10, bins.size());
        bins.forEach(b -> assertEquals(100, b.count()));

        double[] tied = {0.1, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4, 0.5}; // the boundary after 2 rows moves past the tie
        List<ReliabilityBin> t = CalibrationMetrics.of(tied, new int[tied.length], 4).equalMassBins();
        assertEquals(List.of(5L, 1L, 1L, 1L), t.stream().map(ReliabilityBin::count).toList());
    }

    @Test
    void aCalibratedSourceHasSmallEceAndAMiscalibratedOneDoesNot() {
        Random rnd = new Random(9);
        int n = 100_000;
        double[] p = new double[n];
        double[] skewed = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextDouble();
            y[i] = rnd.nextDouble() < p[i] ? 1 : 0;
            skewed[i] = Math.sqrt(p[i]);
        }
        assertTrue(CalibrationMetrics.of(p, y).ece() < 0.01);
        assertTrue(CalibrationMetrics.of(p, y).eceEqualMass() < 0.01);
        assertTrue(CalibrationMetrics.of(skewed, y).ece() > 0.1);
    }

    @Test
    void wilsonIntervalContainsTheObservedRate() {
        ReliabilityBin b = CalibrationMetrics.of(new double[]{0.85, 0.86, 0.87, 0.88}, new int[]{1, 1, 0, 1}, 10).fixedBins().get(8);
        assertEquals(4, b.count());
        assertEquals(0.75, b.observedRate());
        assertTrue(b.wilsonLow() < 0.75 && b.wilsonHigh() > 0.75 && b.wilsonLow() > 0.2 && b.wilsonHigh() < 1.0);
    }
}
