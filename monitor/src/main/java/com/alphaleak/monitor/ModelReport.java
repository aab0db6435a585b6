package com.alphaleak.monitor;

import com.alphaleak.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's result for one model: its decision with reasons and every window, oldest first.
 *
 * @param sidecarPrAuc       the sidecar's validation PR-AUC of the calibrated probability (null without sidecar)
 * @param featuresMonitored  sidecar features present as live columns (PSI computed)
 * @param featuresMissing    sidecar features absent from the live table (no PSI)
 * @param bandsSource        {@code file}, {@code backtest} or null (no alert bands)
 */
public record ModelReport(String modelId, String target, boolean sidecarFound, Double sidecarPrAuc,
                          List<String> featuresMonitored, List<String> featuresMissing, String bandsSource,
                          AlertBands bands, Decision decision, List<String> reasons, List<WindowMetrics> windows) {

    public WindowMetrics latest() {
        return windows.isEmpty() ? null : windows.get(windows.size() - 1);
    }

    /** Measures and assesses every window from per-slot data and decides. */
    public static ModelReport evaluate(ModelContext model, RollingWindows windows, SlotData[] slots, MonitorConfig cfg,
                                       List<String> featuresMonitored, List<String> featuresMissing) {
        List<WindowMetrics> out = new ArrayList<>();
        for (RollingWindows.Window w : windows.windows()) {
            SlotData merged = SlotData.merge(slots, w.index(), w.index() + windows.stepsPerWindow());
            out.add(DriftDecision.assess(WindowEvaluator.measure(w, merged, model, cfg), model, cfg));
        }
        DriftDecision.Verdict v = DriftDecision.decide(out, cfg);
        return new ModelReport(model.modelId(), model.target(), model.sidecar() != null, model.sidecarPrAuc(),
                featuresMonitored, featuresMissing, model.bandsSource(), model.bands(), v.decision(), v.reasons(), out);
    }
}
