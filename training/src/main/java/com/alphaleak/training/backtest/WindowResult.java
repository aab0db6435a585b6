package com.alphaleak.training.backtest;

import java.util.List;
import java.util.Map;

/**
 * One walk-forward window: its rows scored by a model that saw only earlier rows, and its metrics.
 *
 * @param fromMicros         time of the window's first row
 * @param toMicros           time of its last row
 * @param trainRows          rows the booster was trained on (before the validation tail)
 * @param validationRows     the newest rows before the window: early stopping and Platt scaling
 * @param positives          positives in the window
 * @param prAuc              average precision of the calibrated probabilities; NaN without positives
 * @param ece                expected calibration error, 10 fixed-width bins
 * @param meanPredicted      mean calibrated probability (calibration in the large: vs {@code observedRate})
 * @param paramsSource       {@code trial-history} or {@code search}
 * @param probabilities      calibrated probability of each window row, in row order
 * @param skipped            why the window has no model (no positive before it), else null
 */
public record WindowResult(int index, long fromMicros, long toMicros, int trainRows, int validationRows, int rows,
                           long positives, double prAuc, double ece, double meanPredicted, double observedRate,
                           List<ThresholdHits> thresholds, int bestIteration, double scalePosWeight, String paramsSource,
                           Map<String, Object> params, double[] probabilities, String skipped) {

    /** Calibration in the large: mean calibrated probability minus observed hit rate. */
    public double citlDifference() {
        return meanPredicted - observedRate;
    }
}
