package com.alphaleak.monitor;

import java.util.Locale;

/** The plain-text summary of a monitor run printed by the {@code monitor} command. */
public final class MonitorSummary {
    private MonitorSummary() {}

    /** One block per model: decision, newest window's key numbers, reasons. */
    public static String render(ModelMonitor.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "monitor as of %s: %s (exit %d)%n", r.report().asOf(),
                r.decision().json(), r.exitCode()));
        for (ModelReport m : r.report().models()) {
            WindowMetrics w = m.latest();
            sb.append(String.format(Locale.ROOT, "  %-28s %-10s %s%n", m.modelId(), m.target(), m.decision().json()));
            if (w != null && w.calibration() != null) {
                sb.append(String.format(Locale.ROOT, "    window %s .. %s: %d matured, %d positives, observed %.2f%% vs predicted %.2f%%, ECE %.4f, PR-AUC %s (sidecar %s), max PSI %s%n",
                        w.start(), w.end(), w.maturedSignals(), w.positives(), 100 * w.calibration().observedRate(),
                        100 * w.calibration().meanPredicted(), w.ece(), fmt(w.prAuc()), fmt(m.sidecarPrAuc()), fmt(w.maxPsi())));
            }
            for (String reason : m.reasons()) sb.append("    - ").append(reason).append(System.lineSeparator());
        }
        if (r.decision() == Decision.RETRAIN) sb.append("retraining recommended").append(System.lineSeparator());
        return sb.toString();
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.3f", d);
    }
}
