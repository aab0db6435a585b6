package com.alphaleak.monitor;

import com.alphaleak.metrics.Wilson;
import com.alphaleak.model.ModelSidecar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brute-force oracles: each metric against a literal computation on random inputs. */
class MetricOracleTest {

    @Test
    void psiEqualsTheDirectFormulaOnRandomHistograms() {
        Random r = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            int bins = 1 + r.nextInt(12);
            List<Double> edges = new ArrayList<>();
            double e = r.nextGaussian();
            for (int i = 0; i < bins - 1; i++) {
                edges.add(e);
                e += 0.1 + r.nextDouble();
            }
            double[] raw = new double[bins];
            double sum = 0;
            for (int i = 0; i < bins; i++) {
                raw[i] = r.nextDouble() < 0.15 ? 0 : r.nextDouble(); // some bins empty in training
                sum += raw[i];
            }
            if (sum == 0) { raw[0] = 1; sum = 1; }
            List<Double> fractions = new ArrayList<>();
            for (double x : raw) fractions.add(x / sum);
            double missing = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 0.3;
            var d = new ModelSidecar.FeatureDistribution("f", edges, fractions, missing);
            long[] counts = new long[bins + 1];
            for (int i = 0; i <= bins; i++) counts[i] = r.nextDouble() < 0.15 ? 0 : r.nextInt(500);
            counts[1 + r.nextInt(bins)] += 1;

            double total = 0;
            for (long c : counts) total += c;
            double expectedPsi = 0;
            for (int i = 0; i <= bins; i++) {
                double exp = i == 0 ? missing : (1 - missing) * fractions.get(i - 1);
                double act = counts[i] / total;
                if (exp == 0 && act == 0) continue;
                double a = act == 0 ? 1e-4 : act, x = exp == 0 ? 1e-4 : exp;
                expectedPsi += (a - x) * Math.log(a / x);
            }
            assertEquals(expectedPsi, PopulationStabilityIndex.of(d, counts), 1e-9);
        }
    }

    @Test
    void psiIsZeroForTheTrainingDistributionItselfAndBucketsFollowTheEdgeRule() {
        var d = new ModelSidecar.FeatureDistribution("f", List.of(0.0, 1.0, 2.0), List.of(0.1, 0.2, 0.3, 0.4), 0.5);
        assertEquals(0.0, PopulationStabilityIndex.of(d, new long[]{50, 5, 10, 15, 20}), 1e-12);
        // bin i is edges[i-1] < x <= edges[i]; bucket 0 = missing
        assertEquals(0, PopulationStabilityIndex.bucketOf(d.edges(), Double.NaN));
        assertEquals(1, PopulationStabilityIndex.bucketOf(d.edges(), -5));
        assertEquals(1, PopulationStabilityIndex.bucketOf(d.edges(), 0.0));
        assertEquals(2, PopulationStabilityIndex.bucketOf(d.edges(), 1e-12));
        assertEquals(2, PopulationStabilityIndex.bucketOf(d.edges(), 1.0));
        assertEquals(4, PopulationStabilityIndex.bucketOf(d.edges(), 2.5));
        Random r = new Random(3);
        for (int t = 0; t < 2000; t++) {
            double x = r.nextGaussian() * 2;
            int linear = 1;
            for (double e : d.edges()) if (x > e) linear++;
            assertEquals(linear, PopulationStabilityIndex.bucketOf(d.edges(), x));
        }
    }

    @Test
    void eceEqualsALiteralComputation() {
        Random r = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(400);
            int bins = 1 + r.nextInt(20);
            double[] p = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = r.nextDouble() < 0.05 ? (r.nextBoolean() ? 0.0 : 1.0) : r.nextDouble();
                y[i] = r.nextDouble() < p[i] ? 1 : 0;
            }
            double ece = 0;
            for (int b = 0; b < bins; b++) {
                double lo = (double) b / bins, hi = (double) (b + 1) / bins;
                double sp = 0, sy = 0;
                int c = 0;
                for (int i = 0; i < n; i++) {
                    boolean in = p[i] >= lo && (p[i] < hi || (b == bins - 1 && p[i] <= 1.0));
                    if (in) { c++; sp += p[i]; sy += y[i]; }
                }
                if (c > 0) ece += (double) c / n * Math.abs(sy / c - sp / c);
            }
            ExpectedCalibrationError.Result res = ExpectedCalibrationError.of(p, y, bins, 2.0);
            assertEquals(ece, res.ece(), 1e-12);
            assertEquals(n, res.reliability().stream().mapToLong(ExpectedCalibrationError.Bin::count).sum());
        }
    }

    @Test
    void wilsonMatchesPublishedValues() {
        // 0 of 10 at 95 %: [0, 0.2775]; 5 of 10: [0.2366, 0.7634] (Wilson 1927, as in R's prop.test without correction)
        Wilson a = Wilson.of(0, 10, 1.959964);
        assertEquals(0.0, a.low(), 1e-12);
        assertEquals(0.2775, a.high(), 1e-4);
        Wilson b = Wilson.of(5, 10, 1.959964);
        assertEquals(0.2366, b.low(), 1e-4);
        assertEquals(0.7634, b.high(), 1e-4);
    }

    @Test
    void calibrationInTheLargeAndThresholdPrecisionAgainstLiteralCounts() {
        Random r = new Random(5);
        int n = 3000;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble();
            y[i] = r.nextDouble() < p[i] * 0.7 ? 1 : 0; // over-promising model
        }
        CalibrationInTheLarge c = CalibrationInTheLarge.of(p, y, 2, 3);
        double mean = 0, obs = 0;
        for (int i = 0; i < n; i++) { mean += p[i]; obs += y[i]; }
        mean /= n;
        obs /= n;
        assertEquals(mean, c.meanPredicted(), 1e-12);
        assertEquals(obs - mean, c.difference(), 1e-12);
        assertEquals(Level.ACT, c.level());
        assertTrue(c.ciHighAct() < 0);

        ThresholdPrecision t = ThresholdPrecision.of(p, y, 0.8, 20, 2, 3);
        long cnt = 0, hits = 0;
        double promised = 0;
        for (int i = 0; i < n; i++) if (p[i] >= 0.8) { cnt++; hits += y[i]; promised += p[i]; }
        assertEquals(cnt, t.signals());
        assertEquals(hits, t.hits());
        assertEquals(promised / cnt, t.meanPromised(), 1e-12);
        assertEquals(Level.ACT, t.level());

        ThresholdPrecision few = ThresholdPrecision.of(new double[]{0.95, 0.1}, new int[]{0, 0}, 0.9, 20, 2, 3);
        assertEquals(Level.INSUFFICIENT_DATA, few.level());
        ThresholdPrecision none = ThresholdPrecision.of(new double[]{0.1}, new int[]{0}, 0.9, 20, 2, 3);
        assertNull(none.precision());
    }

    @Test
    void rollingWindowsAreStepAlignedAndSlotsPartitionTheSpan() {
        Instant asOf = Instant.parse("2026-01-20T13:47:00Z");
        RollingWindows w = RollingWindows.ending(asOf.minus(Duration.ofMinutes(75)), Duration.ofDays(2), Duration.ofDays(1), 7);
        var ws = w.windows();
        assertEquals(7, ws.size());
        assertEquals(Instant.parse("2026-01-20T00:00:00Z"), ws.get(6).end());
        assertEquals(Instant.parse("2026-01-18T00:00:00Z"), ws.get(6).start());
        assertEquals(Instant.parse("2026-01-12T00:00:00Z"), ws.get(0).start());
        assertEquals(8, w.slots());
        assertEquals(-1, w.slotOf(Instant.parse("2026-01-11T23:59:59.999Z")));
        assertEquals(0, w.slotOf(Instant.parse("2026-01-12T00:00:00Z")));
        assertEquals(7, w.slotOf(Instant.parse("2026-01-19T23:59:59.999Z")));
        assertEquals(-1, w.slotOf(Instant.parse("2026-01-20T00:00:00Z")));
    }

    @Test
    void alertBandsAreMeanPlusMinusKSampleSd() {
        List<WindowMetrics> ws = new ArrayList<>();
        double[] eces = {0.01, 0.02, 0.03, 0.04};
        for (int i = 0; i < eces.length; i++) {
            ws.add(new WindowMetrics(i, "", "", 1000, 1000, 0, 80, null, eces[i], List.of(), List.of(), 0.3 + i * 0.01,
                    java.util.Map.of(), null, null, Level.OK, List.of()));
        }
        ws.add(new WindowMetrics(9, "", "", 10, 10, 0, 1, null, 0.5, List.of(), List.of(), 0.9,
                java.util.Map.of(), null, null, Level.INSUFFICIENT_DATA, List.of()));
        AlertBands b = AlertBands.fromWindows("m", "PT48H", "PT24H", ws, 3);
        AlertBands.Band ece = b.band(AlertBands.ECE);
        double sd = Math.sqrt((0.015 * 0.015 * 2 + 0.005 * 0.005 * 2) / 3);
        assertEquals(0.025, ece.mean(), 1e-12);
        assertEquals(sd, ece.sd(), 1e-12);
        assertEquals(0.025 + 3 * sd, ece.high(), 1e-12);
        assertEquals(4, b.windows()); // the insufficient window is left out
        assertNull(b.band(AlertBands.CITL_DIFFERENCE)); // no calibration values
        assertEquals(b, AlertBands.fromJson(b.toJson()));
    }
}
