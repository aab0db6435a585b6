package com.alphaleak.monitor;

import com.alphaleak.metrics.Wilson;
import com.alphaleak.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision rules (docs/monitoring.md has the reasoning and measured error rates).
 *
 * <p><b>A window</b> is {@code insufficient_data} when it has fewer than min-matured-positives
 * matured positives or fewer than min-matured-signals matured signals: nothing it shows is acted
 * on (PSI is still reported). Otherwise each check gives ok / watch / act:
 * <ul>
 *   <li>calibration in the large: the Wilson interval (z-act = act, z-watch = watch) of the
 *       difference observed - mean predicted excludes the reference: 0, or the model's mean
 *       difference over its backtest windows when it has a band (its normal offset; about 0 when
 *       Platt scaling was fitted on that period);</li>
 *   <li>precision above each strategy threshold: Wilson upper bound below the mean promise at
 *       z-act = act, at z-watch = watch (needs min-threshold-signals above the threshold);</li>
 *   <li>feature drift: the largest PSI >= psi-act = act, >= psi-watch = watch;</li>
 *   <li>ECE above its backtest band = watch; PR-AUC below its backtest band (without a band:
 *       below (1 - pr-auc-relative-drop) x the sidecar's) = watch. Discrimination and ECE alone
 *       never trigger a retrain: both are noisy at window sizes with tens of positives.</li>
 * </ul>
 * The window's level is its most severe check.
 *
 * <p><b>The model</b>: {@code insufficient_data} when the newest window is; {@code retrain} when
 * each of the confirm-windows newest windows is act; {@code watch} when the newest is act or
 * watch; else {@code healthy}.
 */
public final class DriftDecision {
    private DriftDecision() {}

    public record Verdict(Decision decision, List<String> reasons) {}

    public static WindowMetrics assess(WindowMetrics w, ModelContext model, MonitorConfig cfg) {
        List<String> reasons = new ArrayList<>();
        if (w.positives() < cfg.minMaturedPositives() || w.maturedSignals() < cfg.minMaturedSignals()) {
            reasons.add(String.format(Locale.ROOT, "insufficient data: %d matured signals with %d positives "
                            + "(a verdict needs >= %d signals and >= %d positives; %d scored signals not matured yet)",
                    w.maturedSignals(), w.positives(), cfg.minMaturedSignals(), cfg.minMaturedPositives(), w.unmaturedSignals()));
            if (w.maxPsi() != null && w.maxPsi() >= cfg.psiWatch()) {
                reasons.add(String.format(Locale.ROOT, "note (not acted on): feature %s PSI %.3f", w.maxPsiFeature(), w.maxPsi()));
            }
            return w.withVerdict(Level.INSUFFICIENT_DATA, reasons);
        }
        Level level = Level.OK;
        AlertBands bands = model.bands();

        CalibrationInTheLarge c = w.calibration();
        AlertBands.Band citlBand = bands == null ? null : bands.band(AlertBands.CITL_DIFFERENCE);
        // The model's own offset on its validation period (about 0 when Platt was fitted there) is
        // the reference; sampling noise is the Wilson interval's business.
        double ref = citlBand == null ? 0.0 : citlBand.mean();
        Level cl = c.ciLowAct() > ref || c.ciHighAct() < ref ? Level.ACT
                : c.ciLowWatch() > ref || c.ciHighWatch() < ref ? Level.WATCH : Level.OK;
        if (cl != Level.OK) {
            reasons.add(String.format(Locale.ROOT,
                    "%s: calibration in the large: observed hit rate %.2f%% vs mean calibrated probability %.2f%% "
                            + "(%d matured, %d positives; difference %+.2f pts, interval at z-%s [%+.2f, %+.2f] excludes %s)",
                    tag(cl), 100 * c.observedRate(), 100 * c.meanPredicted(), c.n(), c.positives(), 100 * c.difference(),
                    cl == Level.ACT ? "act" : "watch",
                    100 * (cl == Level.ACT ? c.ciLowAct() : c.ciLowWatch()), 100 * (cl == Level.ACT ? c.ciHighAct() : c.ciHighWatch()),
                    citlBand == null ? "0 (no backtest band)" : String.format(Locale.ROOT,
                            "the backtest offset %+.2f; backtest band [%+.2f, %+.2f]", 100 * ref, 100 * citlBand.low(), 100 * citlBand.high())));
            level = Level.max(level, cl);
        }

        for (ThresholdPrecision t : w.thresholds()) {
            if (t.level() == Level.ACT || t.level() == Level.WATCH) {
                reasons.add(String.format(Locale.ROOT,
                        "%s: precision at p >= %.2f: %d of %d hit (%.1f%%) vs %.1f%% promised (Wilson upper %.1f%% at z-watch, %.1f%% at z-act)",
                        tag(t.level()), t.threshold(), t.hits(), t.signals(), 100 * t.precision(), 100 * t.meanPromised(),
                        100 * t.wilsonHighWatch(), 100 * t.wilsonHighAct()));
                level = Level.max(level, t.level());
            }
        }

        if (w.maxPsi() != null && w.maxPsi() >= cfg.psiWatch()) {
            Level pl = w.maxPsi() >= cfg.psiAct() ? Level.ACT : Level.WATCH;
            List<String> drifted = new ArrayList<>();
            w.psi().entrySet().stream().filter(e -> e.getValue() != null && e.getValue() >= cfg.psiWatch())
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
                    .forEach(e -> drifted.add(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())));
            reasons.add(String.format(Locale.ROOT, "%s: feature drift (PSI watch %.2f, act %.2f): %s", tag(pl),
                    cfg.psiWatch(), cfg.psiAct(), String.join(", ", drifted)));
            level = Level.max(level, pl);
        }

        AlertBands.Band eceBand = bands == null ? null : bands.band(AlertBands.ECE);
        if (w.ece() != null && eceBand != null && w.ece() > eceBand.high()) {
            reasons.add(String.format(Locale.ROOT, "watch: ECE %.4f above backtest band (mean %.4f + %.1f sd = %.4f)",
                    w.ece(), eceBand.mean(), bands.k(), eceBand.high()));
            level = Level.max(level, Level.WATCH);
        }

        AlertBands.Band apBand = bands == null ? null : bands.band(AlertBands.PR_AUC);
        Double sidecarAp = model.sidecarPrAuc();
        if (w.prAuc() != null) {
            if (apBand != null && w.prAuc() < apBand.low()) {
                reasons.add(String.format(Locale.ROOT, "watch: PR-AUC %.3f below backtest band (mean %.3f - %.1f sd = %.3f; sidecar %s)",
                        w.prAuc(), apBand.mean(), bands.k(), apBand.low(), sidecarAp == null ? "n/a" : String.format(Locale.ROOT, "%.3f", sidecarAp)));
                level = Level.max(level, Level.WATCH);
            } else if (apBand == null && sidecarAp != null && w.prAuc() < (1 - cfg.prAucRelativeDrop()) * sidecarAp) {
                reasons.add(String.format(Locale.ROOT, "watch: PR-AUC %.3f is more than %.0f%% below the sidecar's %.3f (no backtest band)",
                        w.prAuc(), 100 * cfg.prAucRelativeDrop(), sidecarAp));
                level = Level.max(level, Level.WATCH);
            }
        }
        return w.withVerdict(level, reasons);
    }

    private static String tag(Level l) {
        return l == Level.ACT ? "act" : "watch";
    }

    /** The model's decision from its windows (oldest first), each already assessed. */
    public static Verdict decide(List<WindowMetrics> windows, MonitorConfig cfg) {
        if (windows.isEmpty()) {
            return new Verdict(Decision.INSUFFICIENT_DATA, List.of("no window"));
        }
        WindowMetrics latest = windows.get(windows.size() - 1);
        String when = " (window " + latest.start() + " .. " + latest.end() + ")";
        if (latest.level() == Level.INSUFFICIENT_DATA) {
            return new Verdict(Decision.INSUFFICIENT_DATA, prefix(latest.reasons(), when));
        }
        int confirm = cfg.confirmWindows();
        boolean confirmed = windows.size() >= confirm
                && windows.subList(windows.size() - confirm, windows.size()).stream().allMatch(w -> w.level() == Level.ACT);
        if (confirmed) {
            List<String> r = new ArrayList<>(prefix(latest.reasons(), when));
            if (confirm > 1) r.add("act in each of the " + confirm + " newest windows");
            return new Verdict(Decision.RETRAIN, r);
        }
        if (latest.level() == Level.ACT || latest.level() == Level.WATCH) {
            List<String> r = new ArrayList<>(prefix(latest.reasons(), when));
            if (latest.level() == Level.ACT) r.add("act in the newest window, awaiting confirmation by "
                    + confirm + " consecutive windows");
            return new Verdict(Decision.WATCH, r);
        }
        return new Verdict(Decision.HEALTHY, List.of("every check within its limits" + when));
    }

    private static List<String> prefix(List<String> reasons, String suffix) {
        return reasons.stream().map(r -> r + suffix).toList();
    }
}
