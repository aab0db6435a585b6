package com.alphaleak.export.report;

import com.alphaleak.training.backtest.ThresholdHits;
import com.alphaleak.training.backtest.WindowResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The walk-forward backtest's report: per model, a chart of PR-AUC, ECE and calibration in the
 * large per window, and the window table (rows, positives, metrics, signals and precision with
 * its 95 % Wilson interval at each strategy threshold). Self-contained HTML plus one PNG per model.
 */
public final class BacktestReport {
    public static final String INDEX = "index.html";

    private BacktestReport() {}

    /** One model's backtest. */
    public record ModelWindows(String model, String modelId, List<WindowResult> windows) {}

    /** File name (relative to the report directory) to bytes. */
    public static Map<String, byte[]> render(String backtestRun, List<ModelWindows> models) {
        Map<String, byte[]> png = new LinkedHashMap<>();
        for (ModelWindows m : models) png.put(m.model() + "_windows.png", chart(m));
        Map<String, byte[]> out = new LinkedHashMap<>(png);
        out.put(INDEX, html(backtestRun, models, png).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] chart(ModelWindows m) {
        int n = m.windows().size();
        double[] x = new double[n], pr = new double[n], ece = new double[n], citl = new double[n];
        double hi = 0.1;
        for (int i = 0; i < n; i++) {
            WindowResult w = m.windows().get(i);
            x[i] = w.index();
            pr[i] = w.prAuc();
            ece[i] = w.ece();
            citl[i] = Math.abs(w.citlDifference());
            if (!Double.isNaN(pr[i])) hi = Math.max(hi, pr[i]);
        }
        return Chart.lines("Walk-forward backtest: " + m.model() + " (each window scored by a model trained before it)",
                "window (oldest first)", "metric", 0, Math.max(1, n - 1), 0, Math.min(1, hi * 1.15),
                List.of(new Chart.Series("PR-AUC", x, pr, true), new Chart.Series("ECE", x, ece, true),
                        new Chart.Series("|mean p - hit rate|", x, citl, true)), false);
    }

    private static String html(String run, List<ModelWindows> models, Map<String, byte[]> png) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>backtest ")
                .append(ModelReport.esc(run)).append("</title><style>body{font-family:sans-serif;margin:24px;max-width:1340px}"
                        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "th{background:#f3f3f3}img{border:1px solid #ddd;margin:4px}</style></head><body>")
                .append("<h1>Walk-forward backtest</h1><p>run <code>").append(ModelReport.esc(run)).append("</code>. Each window is scored by a "
                        + "model trained only on earlier rows, with early stopping and Platt scaling on the newest of those rows.</p>");
        for (ModelWindows m : models) {
            h.append("<h2>").append(ModelReport.esc(m.model())).append("</h2><p>rows stand for model <code>")
                    .append(ModelReport.esc(m.modelId())).append("</code></p>");
            h.append("<img alt=\"").append(ModelReport.esc(m.model())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png.get(m.model() + "_windows.png"))).append("\">");
            h.append("<table><tr><th>window</th><th>from</th><th>to</th><th>trained on</th><th>rows</th><th>positives</th>"
                    + "<th>PR-AUC</th><th>ECE</th><th>mean p</th><th>hit rate</th>");
            List<Double> ts = new ArrayList<>();
            if (!m.windows().isEmpty()) for (ThresholdHits t : firstWithThresholds(m.windows())) ts.add(t.threshold());
            for (double t : ts) h.append("<th>p &ge; ").append(f(t, 2)).append(": signals, precision [95 %]</th>");
            h.append("<th>iteration</th></tr>");
            for (WindowResult w : m.windows()) {
                h.append("<tr><td>").append(w.index()).append("</td><td>").append(time(w.fromMicros())).append("</td><td>")
                        .append(time(w.toMicros())).append("</td><td>").append(w.trainRows()).append(" + ").append(w.validationRows())
                        .append("</td><td>").append(w.rows()).append("</td><td>").append(w.positives()).append("</td><td>")
                        .append(f(w.prAuc(), 4)).append("</td><td>").append(f(w.ece(), 4)).append("</td><td>").append(f(w.meanPredicted(), 4))
                        .append("</td><td>").append(f(w.observedRate(), 4)).append("</td>");
                for (ThresholdHits t : w.thresholds()) {
                    h.append("<td>").append(t.signals()).append(", ").append(f(t.precision(), 3)).append(" [").append(f(t.wilsonLow(), 3))
                            .append(", ").append(f(t.wilsonHigh(), 3)).append("]</td>");
                }
                if (w.skipped() != null) h.append("<td colspan=\"").append(ts.size() + 1).append("\">skipped: ").append(ModelReport.esc(w.skipped())).append("</td>");
                else h.append("<td>").append(w.bestIteration()).append("</td>");
                h.append("</tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static List<ThresholdHits> firstWithThresholds(List<WindowResult> ws) {
        for (WindowResult w : ws) if (!w.thresholds().isEmpty()) return w.thresholds();
        return List.of();
    }

    private static String time(long micros) {
        return Instant.ofEpochMilli(Math.floorDiv(micros, 1000)).toString();
    }

    private static String f(double v, int digits) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
