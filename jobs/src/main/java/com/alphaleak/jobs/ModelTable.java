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
        return sb.toString();
    }

    static String render(List<TrainCommand.ModelOutcome> models) {
        StringBuilder sb = new StringBuilder(String.format("%n%-22s %8s %8s %8s %8s %8s %7s %6s %9s %8s  %s%n", "model", "trials",
                "best", "PR-AUC", "ROC-AUC", "base", "ECE", "ECE", "parity", "time", "model id / publish"));
        sb.append(String.format("%-22s %8s %8s %8s %8s %8s %7s %6s %9s %8s%n", "", "ok/all", "trial", "final", "final", "rate",
                "raw", "platt", "max diff", ""));
        for (TrainCommand.ModelOutcome m : models) {
            ModelSidecar s = m.exported().sidecar();
            sb.append(String.format("%-22s %8s %8.4f %8.4f %8.4f %8.4f %7.4f %6.4f %9.2g %8s  %s%s%n", m.exported().stem(),
                    (s.training().trials() - s.training().trialsFailed()) + "/" + s.training().trials(),
                    s.metrics().bestTrialPrAuc(), s.metrics().prAucRaw(), s.metrics().rocAucRaw(), s.metrics().baseRate(),
                    s.calibration().before().eceFixed(), s.calibration().after().eceFixed(), s.parity().maxAbsMarginDiff(),
                    JobContext.human(m.elapsed()), s.modelId(), (m.exported().unchanged() ? " (unchanged)" : "")
                            + (m.published() == null ? "" : "  " + m.published().status())));
        }
        return sb.toString();
    }
}
