package com.alphaleak.export.report;

import com.alphaleak.export.parity.ParityResult;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.metrics.PrecisionRecallCurve;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.training.TrainTarget;
import com.alphaleak.training.calibration.CalibrationComparison;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.calibration.ReliabilityBin;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.search.TrialResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report of one model: a self-contained {@code index.html} (charts embedded as PNG data
 * URIs, no script, no network) plus each chart as its own PNG: the validation PR curve (raw and
 * calibrated), the reliability diagram before and after Platt scaling, the trial history (value per
 * trial and best so far), feature importance (total gain, top 25), the data summary and the parity
 * result.
 */
public final class ModelReport {
    public static final String INDEX = "index.html";

    private ModelReport() {}

    /** File name (relative to the report directory) to bytes. */
    public static Map<String, byte[]> render(ModelSidecar sidecar, TrainTarget.Result trained, DatasetManifest manifest,
                                             CalibrationComparison calibration, ParityResult parity, PlattParameters platt) {
        Map<String, byte[]> png = new LinkedHashMap<>();
        png.put("pr_curve.png", prCurve(trained, platt));
        png.put("reliability.png", reliability(calibration));
        png.put("trials.png", trials(trained.search().trials()));
        png.put("importance.png", importance(trained));
        Map<String, byte[]> out = new LinkedHashMap<>(png);
        out.put(INDEX, html(sidecar, trained, manifest, calibration, parity, png).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] prCurve(TrainTarget.Result t, PlattParameters platt) {
        int[] y = t.matrices().validation().labels();
        double[] raw = t.model().validation().margins();
        double[] cal = new double[raw.length];
        for (int i = 0; i < raw.length; i++) cal[i] = platt.apply(raw[i]);
        PrecisionRecallCurve c = PrecisionRecallCurve.of(raw, y);
        double base = t.model().validation().baseRate();
        return Chart.lines(String.format(Locale.ROOT, "PR curve, validation (PR-AUC %.4f, base rate %.4f)", c.area(), base),
                "recall", "precision", 0, 1, 0, 1,
                List.of(new Chart.Series("model", c.recall(), c.precision(), false),
                        new Chart.Series("base rate", new double[]{0, 1}, new double[]{base, base}, false)), false);
    }

    private static byte[] reliability(CalibrationComparison c) {
        return Chart.lines(String.format(Locale.ROOT, "Reliability (ECE %.4f raw -> %.4f Platt)", c.before().ece(), c.after().ece()),
                "mean predicted probability", "observed positive rate", 0, 1, 0, 1,
                List.of(series("raw (LightGBM probability)", c.before().fixedBins()), series("Platt-calibrated", c.after().fixedBins())), true);
    }

    private static Chart.Series series(String name, List<ReliabilityBin> bins) {
        List<double[]> pts = new ArrayList<>();
        for (ReliabilityBin b : bins) if (b.count() > 0) pts.add(new double[]{b.meanPredicted(), b.observedRate()});
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Chart.Series(name, x, y, true);
    }

    /**
     * Complete trials joined in trial order with the best so far; pruned trials as separate dots at
     * their best value before the rung that stopped them (never part of the best-so-far line).
     */
    static byte[] trials(List<TrialResult> trials) {
        double[] x = new double[trials.size()], v = new double[trials.size()], best = new double[trials.size()];
        double[] pruned = new double[trials.size()];
        double b = Double.NaN, lo = 1, hi = 0;
        boolean anyPruned = false;
        for (int i = 0; i < trials.size(); i++) {
            TrialResult t = trials.get(i);
            x[i] = t.number();
            v[i] = t.complete() ? t.value() : Double.NaN;
            pruned[i] = t.pruned() ? t.value() : Double.NaN;
            anyPruned |= t.pruned() && !Double.isNaN(t.value());
            if (t.complete() && (Double.isNaN(b) || t.value() > b)) b = t.value();
            best[i] = b;
            if (!t.failed() && !Double.isNaN(t.value())) {
                lo = Math.min(lo, t.value());
                hi = Math.max(hi, t.value());
            }
        }
        double pad = Math.max(0.01, (hi - lo) * 0.1);
        List<Chart.Series> series = new ArrayList<>(List.of(new Chart.Series("complete trial", x, v, true),
                new Chart.Series("best so far", x, best, false)));
        if (anyPruned) series.add(new Chart.Series("pruned (value at its rung)", x, pruned, true, false));
        return Chart.lines("Trial history (validation PR-AUC)", "trial", "PR-AUC", 0, Math.max(1, trials.size() - 1),
                Math.max(0, lo - pad), Math.min(1, hi + pad), series, false);
    }

    private static byte[] importance(TrainTarget.Result t) {
        List<String> names = t.matrices().featureNames();
        double[] gain;
        try (NativeBooster b = NativeBooster.fromModelString(t.model().modelText())) {
            gain = b.gainImportance(names.size(), 0);
        }
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        double[] g = gain;
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -g[i]));
        int k = Math.min(25, order.length);
        List<String> labels = new ArrayList<>();
        double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            labels.add(names.get(order[i]));
            values[i] = gain[order[i]];
        }
        return Chart.bars("Feature importance (total gain, top " + k + ")", "total gain", labels, values);
    }

    private static String html(ModelSidecar s, TrainTarget.Result t, DatasetManifest m, CalibrationComparison c,
                               ParityResult parity, Map<String, byte[]> png) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(s.modelId()))
                .append("</title><style>body{font-family:sans-serif;margin:24px;max-width:1340px}table{border-collapse:collapse;margin:8px 0}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
                        + "img{border:1px solid #ddd;margin:4px}.grid{display:flex;flex-wrap:wrap}</style></head><body>");
        h.append("<h1>").append(esc(s.stem())).append("</h1><p>model id <code>").append(esc(s.modelId())).append("</code>, run <code>")
                .append(esc(s.runId())).append("</code>, ").append(esc(s.modelKind())).append(" model, created ").append(esc(s.createdAt()))
                .append(", code ").append(esc(s.codeVersion())).append("</p>");
        String slice = s.metrics().slice() == null ? ModelSidecar.Metrics.VALIDATION : s.metrics().slice();
        h.append("<h2>Metrics on the ").append(esc(slice)).append(" slice</h2><table><tr><th></th><th>PR-AUC</th><th>ROC-AUC</th><th>Brier</th><th>log loss</th><th>ECE</th><th>ECE (equal mass)</th></tr>");
        h.append(row("raw", s.metrics().prAucRaw(), s.metrics().rocAucRaw(), c.before().brier(), c.before().logLoss(), c.before().ece(), c.before().eceEqualMass()));
        h.append(row("Platt-calibrated", s.metrics().prAucCalibrated(), s.metrics().rocAucCalibrated(), c.after().brier(), c.after().logLoss(), c.after().ece(), c.after().eceEqualMass()));
        h.append("</table><p>base rate ").append(f(s.metrics().baseRate())).append("; best trial PR-AUC ").append(f(s.metrics().bestTrialPrAuc()))
                .append(". ").append(esc(s.metrics().gapExplanation())).append("</p>");
        if (s.metrics().selectionBias() != null) {
            h.append("<p><b>").append(Boolean.TRUE.equals(s.metrics().selectionBiased()) ? "Selection-biased: " : "Selection bias: ")
                    .append("</b>").append(esc(s.metrics().selectionBias().note()));
            if (s.metrics().selectionBias().difference() != null) {
                h.append(String.format(Locale.ROOT, " (validation flatters by %+.4f)", s.metrics().selectionBias().difference()));
            }
            h.append(".</p>");
        }
        h.append("<p>Platt: calibrated = 1 / (1 + exp(-(").append(f(s.calibration().plattA())).append(" &middot; margin + ")
                .append(f(s.calibration().plattB())).append("))), fitted on the ").append(esc(s.calibration().fittedOn()))
                .append(" slice (").append(s.calibration().rows()).append(" rows, ").append(s.calibration().positives()).append(" positive).</p>");
        h.append("<div class=\"grid\">");
        for (Map.Entry<String, byte[]> e : png.entrySet()) {
            h.append("<img alt=\"").append(esc(e.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\">");
        }
        h.append("</div>");
        h.append("<h2>Search</h2><p>").append(t.search().trials().size()).append(" trials (").append(t.search().pruned())
                .append(" pruned, ").append(t.search().failed()).append(" failed), ").append(esc(t.search().mode())).append(", ").append(t.search().parallelism()).append(" at once, ")
                .append(t.search().elapsed().toSeconds()).append(" s; scale_pos_weight ").append(f(s.training().scalePosWeight()))
                .append("; final model: ").append(s.training().numTrees()).append(" trees, best iteration ").append(s.training().bestIteration())
                .append(".</p>");
        t.confirmation().ifPresent(confirmation -> {
            // A sampled search: say which rows chose the trial and what the confirmation changed.
            h.append("<p>Trials trained on a sample of ").append(t.searchRows()).append(" of the ")
                    .append(t.matrices().train().rows()).append(" training rows, ").append(t.searchPositives()).append(" of the ")
                    .append(t.matrices().train().positives()).append(" positives (tuning.sample); the best ")
                    .append(confirmation.confirmed().size()).append(" were trained again on every row:</p><table><tr><th>trial</th>"
                            + "<th>PR-AUC on the sample</th><th>PR-AUC on every row</th><th>best iteration</th></tr>");
            for (var confirmed : confirmation.confirmed()) {
                double sampled = t.search().trials().get(confirmed.number()).value();
                h.append("<tr><td>").append(confirmed.number()).append(confirmation.best().map(b -> b.number() == confirmed.number()).orElse(false)
                        ? " (deployed)" : "").append("</td><td>").append(f(sampled)).append("</td><td>").append(f(confirmed.value()))
                        .append("</td><td>").append(confirmed.bestIteration()).append("</td></tr>");
            }
            h.append("</table>");
        });
        h.append("<table><tr><th>parameter</th><th>best value</th></tr>");
        s.training().bestParams().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(String.valueOf(v))).append("</td></tr>"));
        h.append("</table>");
        h.append("<h2>Data</h2><table><tr><th>slice</th><th>from</th><th>to</th><th>rows</th><th>positives</th></tr>");
        for (ModelSidecar.Slice sl : List.of(s.training().train(), s.training().validation())) {
            h.append("<tr><td>").append(sl == s.training().train() ? "train" : "validation").append("</td><td>").append(esc(sl.from()))
                    .append("</td><td>").append(esc(sl.to())).append("</td><td>").append(sl.rows()).append("</td><td>").append(sl.positives()).append("</td></tr>");
        }
        h.append("</table><p>dataset ").append(esc(m.dataset())).append(" table version ").append(m.tableVersion()).append(", registry ")
                .append(esc(m.registryVersion())).append(", ").append(m.featureNames().size()).append(" features, fingerprint <code>")
                .append(esc(m.contentFingerprint())).append("</code></p>");
        h.append("<h2>Parity (ONNX Runtime vs LightGBM native)</h2><p>").append(esc(parity.summary())).append(" &mdash; ")
                .append(parity.passed() ? "passed" : "FAILED").append("; ").append(esc(parity.reference())).append(", ONNX Runtime ")
                .append(esc(parity.onnxRuntimeVersion())).append(".</p></body></html>");
        return h.toString();
    }

    private static String row(String name, double... v) {
        StringBuilder b = new StringBuilder("<tr><td>").append(name).append("</td>");
        for (double x : v) b.append("<td>").append(f(x)).append("</td>");
        return b.append("</tr>").toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
