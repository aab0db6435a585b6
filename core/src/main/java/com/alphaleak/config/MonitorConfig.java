package com.alphaleak.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code alphaleak.monitor} section of {@link AlphaLeakConfig}: the live drift monitor (defaults
 * and their reasons: {@code conf/application.conf} and {@code docs/monitoring.md}). Loaded and
 * validated with the rest of the configuration by {@link ConfigLoader}, so every command, including
 * {@code show-config}, rejects the same bad monitor settings.
 *
 * @param scoredSignals       live scored signals ({@code MonitorContracts.SCORED_SIGNALS} in the monitor module)
 * @param maturedOutcomes     matured outcomes ({@code MonitorContracts.MATURED_OUTCOMES})
 * @param backtest            optional scored validation period with labels, for alert bands
 * @param models              directory of model sidecars
 * @param bandsDir            where alert bands are stored per model
 * @param report              JSON report path
 * @param history             Delta history table path
 * @param asOf                evaluation instant; empty = now
 * @param window              rolling window length (a whole multiple of {@code step})
 * @param step                distance between consecutive windows
 * @param windows             windows per report
 * @param maturityGrace       added to the target horizon before the newest window ends
 * @param minMaturedPositives fewest matured positives per window for a verdict
 * @param minMaturedSignals   fewest matured signals per window for a verdict
 * @param zWatch              z of the watch-level Wilson intervals
 * @param zAct                z of the act-level Wilson intervals
 * @param thresholds          strategy thresholds checked for precision
 * @param minThresholdSignals fewest signals above a threshold for the precision check
 * @param eceBins             fixed-width reliability bins
 * @param bandK               alert band half-width in standard deviations of the backtest windows
 * @param prAucRelativeDrop   PR-AUC watch level relative to the sidecar when there is no band
 * @param psiWatch            PSI at or above which a feature is a watch
 * @param psiAct              PSI at or above which a feature calls for retraining
 * @param minPsiSignals       fewest scored signals per window for PSI
 * @param confirmWindows      consecutive newest windows that must call for retraining
 */
public record MonitorConfig(TableLocation scoredSignals, TableLocation maturedOutcomes, Optional<TableLocation> backtest,
                            String models, String bandsDir, String report, String history, Optional<Instant> asOf,
                            Duration window, Duration step, int windows, Duration maturityGrace,
                            int minMaturedPositives, int minMaturedSignals, double zWatch, double zAct,
                            List<Double> thresholds, int minThresholdSignals, int eceBins, double bandK,
                            double prAucRelativeDrop, double psiWatch, double psiAct, int minPsiSignals,
                            int confirmWindows) {

    /** Window length in whole steps. */
    public int stepsPerWindow() {
        return (int) (window.toMillis() / step.toMillis());
    }

    public MonitorConfig withAsOf(Instant instant) {
        return new MonitorConfig(scoredSignals, maturedOutcomes, backtest, models, bandsDir, report, history,
                Optional.of(instant), window, step, windows, maturityGrace, minMaturedPositives, minMaturedSignals,
                zWatch, zAct, thresholds, minThresholdSignals, eceBins, bandK, prAucRelativeDrop, psiWatch, psiAct,
                minPsiSignals, confirmWindows);
    }
}
