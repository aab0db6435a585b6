package com.alphaleak.training.calibration;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlattCalibratorTest {
    /** Labels drawn from sigmoid(a0 * x + b0) with x ~ N(mu, sd). */
    private static Object[] sample(Random rnd, int n, double a0, double b0, double mu, double sd) {
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = mu + sd * rnd.nextGaussian();
            y[i] = rnd.nextDouble() < Sigmoid.of(a0 * x[i] + b0) ? 1 : 0;
        }
        return new Object[]{x, y};
    }

    private static double[] targets(int[] y) {
        double pos = 0;
        for (int v : y) pos += v;
        double neg = y.length - pos;
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) t[i] = y[i] == 1 ? (pos + 1) / (pos + 2) : 1 / (neg + 2);
        return t;
    }

    /** Reference: cyclic golden-section search per coordinate on the same convex objective. */
    private static double[] bruteForce(double[] x, int[] y) {
        double[] t = targets(y);
        double a = 0, b = 0;
        for (int sweep = 0; sweep < 120; sweep++) {
            final double bb = b;
            a = golden(v -> PlattCalibrator.objective(x, t, null, v, bb), -60, 60);
            final double aa = a;
            b = golden(v -> PlattCalibrator.objective(x, t, null, aa, v), -60, 60);
        }
        return new double[]{a, b};
    }

    private static double golden(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
        for (int i = 0; i < 110; i++) {
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) hi = d;
            else lo = c;
            c = hi - g * (hi - lo);
            d = lo + g * (hi - lo);
        }
        return (lo + hi) / 2;
    }

    @Test
    void newtonFitMatchesABruteForceMinimiserOfTheSameObjective() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 8; trial++) {
            double scale = trial % 4 == 3 ? 25 : 1 + rnd.nextDouble() * 3; // large margins: exp would overflow naively
            Object[] s = sample(rnd, 300 + rnd.nextInt(500), 0.2 + rnd.nextDouble() * 2, -3 + rnd.nextDouble() * 2, 0, scale);
            double[] x = (double[]) s[0];
            int[] y = (int[]) s[1];
            PlattFit fit = PlattCalibrator.fit(x, y);
            double[] ref = bruteForce(x, y);
            double refObjective = PlattCalibrator.objective(x, targets(y), null, ref[0], ref[1]);
            assertTrue(fit.converged(), "trial " + trial);
            assertTrue(fit.objective() <= refObjective + 1e-7, "trial " + trial + ": " + fit.objective() + " vs " + refObjective);
            assertEquals(ref[0], fit.parameters().toSklearnA(), 1e-4, "A, trial " + trial);
            assertEquals(ref[1], fit.parameters().toSklearnB(), 1e-4, "B, trial " + trial);
        }
    }

    @Test
    void recoversTheParametersThatGeneratedTheLabels() {
        Object[] s = sample(new Random(5), 200_000, 1.7, -2.5, 0, 1.5);
        PlattParameters p = PlattCalibrator.fit((double[]) s[0], (int[]) s[1]).parameters();
        assertEquals(1.7, p.a(), 0.05);
        assertEquals(-2.5, p.b(), 0.05);
    }

    @Test
    void anAlreadyCalibratedModelIsLeftAlmostUnchanged() {
        Object[] s = sample(new Random(6), 100_000, 1.0, 0.0, -2, 2);
        PlattParameters p = PlattCalibrator.fit((double[]) s[0], (int[]) s[1]).parameters();
        assertEquals(1.0, p.a(), 0.05);
        assertEquals(0.0, p.b(), 0.05);
    }

    @Test
    void calibratingAnOverconfidentModelReducesEceAndLogLoss() {
        Object[] s = sample(new Random(7), 50_000, 1.0, -1.0, -1, 1.5);
        double[] x = (double[]) s[0];
        int[] y = (int[]) s[1];
        double[] overconfident = new double[x.length];
        for (int i = 0; i < x.length; i++) overconfident[i] = 3 * x[i] - 3; // margins 3x too large
        PlattParameters p = PlattCalibrator.fit(overconfident, y).parameters();
        CalibrationComparison c = CalibrationComparison.of(overconfident, y, p, 1.0);
        assertTrue(c.after().ece() < c.before().ece() / 3, c.before().ece() + " -> " + c.after().ece());
        assertTrue(c.after().logLoss() < c.before().logLoss(), c.before().logLoss() + " -> " + c.after().logLoss());
        assertEquals(1.0 / 3, p.a(), 0.03);
    }

    @Test
    void separableSlicesStayFiniteThanksToSmoothedTargets() {
        double[] x = {-3, -2, -1, 1, 2, 3};
        int[] y = {0, 0, 0, 1, 1, 1};
        PlattFit fit = PlattCalibrator.fit(x, y);
        assertTrue(Double.isFinite(fit.parameters().a()) && fit.parameters().a() > 0);
        assertTrue(fit.parameters().apply(3) < 1.0 && fit.parameters().apply(3) > 0.7);
    }

    @Test
    void refusesSlicesItCannotFitAndSaysWhy() {
        assertMessage(() -> PlattCalibrator.fit(new double[]{1, 2}, new int[]{0, 0}), "0 positive and 2 negative");
        assertMessage(() -> PlattCalibrator.fit(new double[]{1, 2, 3}, new int[]{1, 1, 1}), "3 positive and 0 negative");
        assertMessage(() -> PlattCalibrator.fit(new double[0], new int[0]), "empty");
        assertMessage(() -> PlattCalibrator.fit(new double[]{1, Double.NaN, Double.POSITIVE_INFINITY}, new int[]{0, 1, 1}), "2 of 3 margins");
        assertMessage(() -> PlattCalibrator.fit(new double[]{1, 2}, new int[]{0}), "differ in length");
        assertMessage(() -> PlattCalibrator.fit(new double[]{1, 2}, new int[]{0, 2}), "not 0 or 1");
    }

    @Test
    void sklearnConventionRoundTrips() {
        PlattParameters p = new PlattParameters(1.3, -0.4);
        PlattParameters back = PlattParameters.fromSklearn(p.toSklearnA(), p.toSklearnB());
        assertEquals(p, back);
        double f = 0.7;
        assertEquals(1 / (1 + Math.exp(p.toSklearnA() * f + p.toSklearnB())), p.apply(f), 1e-15);
        assertEquals(1.0, p.apply(1e6));
        assertEquals(0.0, new PlattParameters(1, 0).apply(-1e6));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String fragment) {
        CalibrationException ex = assertThrows(CalibrationException.class, e);
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }
}
