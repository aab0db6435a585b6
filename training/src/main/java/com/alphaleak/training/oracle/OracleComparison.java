package com.alphaleak.training.oracle;

import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.training.backtest.ThresholdHits;
import com.alphaleak.training.calibration.CalibrationMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A model against the simulator's oracle on the same rows of one slice: PR-AUC and ECE of each,
 * and at each strategy threshold how many signals each puts there with the observed hit rate and
 * its 95 % Wilson interval. Rows without an oracle probability are left out of both.
 *
 * <p>The ceiling is the oracle without foresight ({@code probability_no_foresight}): it knows the
 * token's parameters but not when trading will stop, which no model can know at signal time. It is
 * an upper bound of what observable inputs allow; NaN when the oracle table has no such column.
 *
 * @param slice which slice the rows are (e.g. {@code validation})
 * @param rows  rows compared (those with an oracle probability)
 */
public record OracleComparison(String slice, int rows, long positives, double modelPrAuc, double oraclePrAuc,
                               double ceilingPrAuc, double modelEce, double oracleEce,
                               List<ThresholdHits> modelThresholds, List<ThresholdHits> oracleThresholds,
                               List<ThresholdHits> ceilingThresholds) {

    /** Model PR-AUC / oracle PR-AUC. */
    public double ratio() {
        return modelPrAuc / oraclePrAuc;
    }

    /** Model PR-AUC / ceiling PR-AUC (NaN without a ceiling). */
    public double ceilingRatio() {
        return modelPrAuc / ceilingPrAuc;
    }

    /** As {@link #of(String, double[], double[], double[], int[], List)} without a ceiling. */
    public static OracleComparison of(String slice, double[] model, double[] oracle, int[] labels, List<Double> thresholds) {
        double[] none = new double[oracle.length];
        java.util.Arrays.fill(none, Double.NaN);
        return of(slice, model, oracle, none, labels, thresholds);
    }

    /**
     * @param model  the model's calibrated probabilities of the slice rows
     * @param oracle the oracle's probabilities of the same rows (NaN = none)
     * @param ceiling the oracle without foresight on the same rows (NaN = none; the ceiling is
     *                reported only when every compared row has one)
     */
    public static OracleComparison of(String slice, double[] model, double[] oracle, double[] ceiling, int[] labels,
                                      List<Double> thresholds) {
        if (model.length != oracle.length || model.length != labels.length || ceiling.length != labels.length) {
            throw new IllegalArgumentException("model " + model.length + ", oracle " + oracle.length + " and labels "
                    + labels.length + " must cover the same rows");
        }
        int n = 0;
        for (double o : oracle) if (!Double.isNaN(o)) n++;
        double[] m = new double[n], o = new double[n], c = new double[n];
        boolean hasCeiling = true;
        int[] y = new int[n];
        long pos = 0;
        for (int i = 0, j = 0; i < oracle.length; i++) {
            if (Double.isNaN(oracle[i])) continue;
            m[j] = model[i];
            o[j] = oracle[i];
            c[j] = ceiling[i];
            hasCeiling &= !Double.isNaN(ceiling[i]);
            y[j] = labels[i];
            pos += labels[i];
            j++;
        }
        hasCeiling &= n > 0;
        List<ThresholdHits> mt = new ArrayList<>(), ot = new ArrayList<>(), ct = new ArrayList<>();
        for (double t : thresholds) {
            mt.add(ThresholdHits.of(m, y, t));
            ot.add(ThresholdHits.of(o, y, t));
            if (hasCeiling) ct.add(ThresholdHits.of(c, y, t));
        }
        boolean scorable = pos > 0 && n > 0;
        return new OracleComparison(slice, n, pos, scorable ? AveragePrecision.of(m, y) : Double.NaN,
                scorable ? AveragePrecision.of(o, y) : Double.NaN,
                scorable && hasCeiling ? AveragePrecision.of(c, y) : Double.NaN,
                n == 0 ? Double.NaN : CalibrationMetrics.of(m, y).ece(),
                n == 0 ? Double.NaN : CalibrationMetrics.of(o, y).ece(), mt, ot, List.copyOf(ct));
    }
}
