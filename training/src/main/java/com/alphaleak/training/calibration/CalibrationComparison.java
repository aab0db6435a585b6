package com.alphaleak.training.calibration;

/**
 * Calibration before and after Platt scaling on the same rows.
 *
 * @param before metrics of the model's own probability, sigmoid(k * margin)
 * @param after  metrics of the calibrated probability
 */
public record CalibrationComparison(PlattParameters platt, CalibrationReport before, CalibrationReport after) {

    /** @param sigmoidScale the objective's k in LightGBM's {@code binary sigmoid:k} (usually 1) */
    public static CalibrationComparison of(double[] margins, int[] labels, PlattParameters platt, double sigmoidScale) {
        double[] raw = new double[margins.length];
        double[] calibrated = new double[margins.length];
        for (int i = 0; i < margins.length; i++) {
            raw[i] = Sigmoid.of(sigmoidScale * margins[i]);
            calibrated[i] = platt.apply(margins[i]);
        }
        return new CalibrationComparison(platt, CalibrationMetrics.of(raw, labels), CalibrationMetrics.of(calibrated, labels));
    }
}
