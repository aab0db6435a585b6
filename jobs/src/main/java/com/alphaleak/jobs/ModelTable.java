package com.alphaleak.jobs;

import com.alphaleak.model.ModelSidecar;

import java.util.List;

/** The plain-text summary of trained and exported models printed at the end of train and run. */
final class ModelTable {
    private ModelTable() {}

    /** The trained models, then one line per skipped target with the reason. */
    static String render(TrainCommand.Trained trained) {
        StringBuilder sb = new StringBuilder(render(trained.models()));
        trained.skipped().forEach((target, why) -> sb.append(String.format("%-22s skipped, not trained: %s%n", target, why)));
        sb.append(oracle(trained.models()));
        return sb.toString();
    }

    static String render(List<TrainCommand.ModelOutcome> models) {
        StringBuilder sb = new StringBuilder(String.format("%n%-22s %8s %8s %10s %8s %15s %8s %8s %7s %6s %9s %8s  %s%n", "model", "trials",
                "best", "metrics", "PR-AUC", "PR-AUC 95 %", "ROC-AUC", "base", "ECE", "ECE", "parity", "time", "model id / publish"));
        sb.append(String.format("%-22s %8s %8s %10s %8s %15s %8s %8s %7s %6s %9s %8s%n", "", "ok/all", "trial", "on slice", "final",
                "(bootstrap)", "final", "rate", "raw", "platt", "max diff", ""));
        for (TrainCommand.ModelOutcome m : models) {
            ModelSidecar s = m.sidecar();
            sb.append(String.format("%-22s %8s %8.4f %10s %8.4f %15s %8.4f %8.4f %7.4f %6.4f %9.2g %8s  %s%s%n", m.artifact().stem(),
                    (s.training().trials() - s.training().trialsFailed()) + "/" + s.training().trials(),
                    s.metrics().bestTrialPrAuc(), sliceOf(s), s.metrics().prAucRaw(), interval(s), s.metrics().rocAucRaw(), s.metrics().baseRate(),
                    s.calibration().before().eceFixed(), s.calibration().after().eceFixed(), s.parity().maxAbsMarginDiff(),
                    JobContext.human(m.elapsed()), s.modelId(), note(m.source())
                            + (m.published() == null ? "" : "  " + m.published().status())));
        }
        sb.append(selectionBias(models));
        return sb.toString();
    }

    /** How the row's model came to be, when it was not simply trained now. */
    static String note(TrainCommand.Source source) {
        return switch (source) {
            case TRAINED -> "";
            case UNCHANGED -> " (unchanged)";
            case FINISHED_EARLIER -> " (finished earlier, skipped)";
        };
    }

    /** The reported slice's PR-AUC interval, blank for sidecars written before it existed. */
    static String interval(ModelSidecar s) {
        ModelSidecar.SliceMetrics slice = ModelSidecar.Metrics.TEST.equals(s.metrics().slice()) ? s.metrics().test() : s.metrics().validation();
        if (slice == null || slice.prAucInterval() == null) return "";
        return String.format("[%.4f, %.4f]", slice.prAucInterval().lower(), slice.prAucInterval().upper());
    }

    private static String sliceOf(ModelSidecar s) {
        return s.metrics().slice() == null ? ModelSidecar.Metrics.VALIDATION : s.metrics().slice();
    }

    /**
     * Why the table's numbers can be trusted or not: with a test slice, how much validation
     * flatters each model; without, that the metrics are selection-biased.
     */
    static String selectionBias(List<TrainCommand.ModelOutcome> models) {
        StringBuilder sb = new StringBuilder();
        boolean anyBiased = false;
        for (TrainCommand.ModelOutcome m : models) {
            ModelSidecar.Metrics x = m.sidecar().metrics();
            if (x.selectionBias() != null && x.selectionBias().difference() != null) {
                if (sb.length() == 0) sb.append("selection bias (best trial's validation PR-AUC - same model on the untouched test slice):\n");
                sb.append(String.format("  %-20s %.4f - %.4f = %+.4f%n", m.artifact().stem(), x.selectionBias().bestTrialValidationPrAuc(),
                        x.selectionBias().testPrAuc(), x.selectionBias().difference()));
            } else if (!ModelSidecar.Metrics.TEST.equals(x.slice())) {
                anyBiased = true;
            }
        }
        if (anyBiased) {
            sb.append("metrics on validation are selection-biased (optimistic): validation chose the early-stopping iteration and "
                    + "the best trial and fitted Platt. Set split.calibration-fraction (e.g. 0.15 with validation-fraction 0.15) "
                    + "for an untouched test slice that measures the bias.\n");
        }
        return sb.toString();
    }

    /**
     * Each model next to the sample world's oracle on the same rows (empty when no model has an
     * oracle comparison): PR-AUC, ECE, and signals at each strategy threshold with their hit rate [95 % Wilson];
     * the ceiling is the oracle without foresight (NaN for oracle tables written before it).
     */
    static String oracle(List<TrainCommand.ModelOutcome> models) {
        List<TrainCommand.ModelOutcome> with = models.stream().filter(m -> m.oracle() != null).toList();
        if (with.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%n%-22s %-10s %6s %7s %7s %6s %7s %6s %7s %7s  %s%n",
                "model vs oracle", "slice", "rows", "PR-AUC", "oracle", "ratio", "ceiling", "ratio", "ECE", "oracle",
                "signals at p >= t, model | oracle | ceiling: n, hit rate [95 % Wilson]"));
        for (TrainCommand.ModelOutcome m : with) {
            var o = m.oracle();
            StringBuilder th = new StringBuilder();
            for (int i = 0; i < o.modelThresholds().size(); i++) {
                th.append(String.format(java.util.Locale.ROOT, "%s%.2f: %s | %s%s", i == 0 ? "" : ";  ", o.modelThresholds().get(i).threshold(),
                        hits(o.modelThresholds().get(i)), hits(o.oracleThresholds().get(i)),
                        o.ceilingThresholds().isEmpty() ? "" : " | " + hits(o.ceilingThresholds().get(i))));
            }
            sb.append(String.format(java.util.Locale.ROOT, "%-22s %-10s %6d %7.4f %7.4f %6.3f %7.4f %6.3f %7.4f %7.4f  %s%n", m.artifact().stem(),
                    o.slice(), o.rows(), o.modelPrAuc(), o.oraclePrAuc(), o.ratio(), o.ceilingPrAuc(), o.ceilingRatio(), o.modelEce(),
                    o.oracleEce(), th));
        }
        return sb.toString();
    }

    private static String hits(com.alphaleak.training.backtest.ThresholdHits t) {
        return t.signals() == 0 ? "0" : String.format(java.util.Locale.ROOT, "%d, %.3f [%.3f, %.3f]", t.signals(), t.precision(),
                t.wilsonLow(), t.wilsonHigh());
    }
}
