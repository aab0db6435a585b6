package com.alphaleak.monitor;

import java.util.List;
import java.util.Map;

/**
 * Everything measured in one window of one model, and its verdict.
 *
 * @param scoredSignals    signals scored in the window
 * @param maturedSignals   of those, signals whose outcome had matured by as-of (the only ones labels are used for)
 * @param unmaturedSignals scored but no outcome known at as-of (excluded, not negatives)
 * @param calibration      calibration in the large (null without matured signals)
 * @param ece              expected calibration error over fixed-width bins
 * @param prAuc            average precision of the calibrated probability (null without positives)
 * @param psi              per feature PSI against the sidecar's training histogram (null below min-psi-signals)
 * @param level            the window's verdict
 * @param reasons          why, one line per check that is not ok, or why there is no verdict
 */
public record WindowMetrics(int index, String start, String end, long scoredSignals, long maturedSignals,
                            long unmaturedSignals, long positives, CalibrationInTheLarge calibration, Double ece,
                            List<ExpectedCalibrationError.Bin> reliability, List<ThresholdPrecision> thresholds,
                            Double prAuc, Map<String, Double> psi, Double maxPsi, String maxPsiFeature,
                            Level level, List<String> reasons) {

    public WindowMetrics withVerdict(Level newLevel, List<String> newReasons) {
        return new WindowMetrics(index, start, end, scoredSignals, maturedSignals, unmaturedSignals, positives,
                calibration, ece, reliability, thresholds, prAuc, psi, maxPsi, maxPsiFeature, newLevel, List.copyOf(newReasons));
    }
}
