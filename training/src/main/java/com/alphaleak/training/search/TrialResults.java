package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.TrainingRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class TrialResults {
    private TrialResults() {}

    /** Complete trials from best to worst: highest PR-AUC first, the earlier trial first on ties. */
    static final Comparator<TrialResult> BEST_FIRST =
            Comparator.comparingDouble(TrialResult::value).reversed().thenComparingInt(TrialResult::number);

    /** The best complete trial of {@code trials} ({@link #BEST_FIRST}); empty when none completed. */
    static Optional<TrialResult> best(List<TrialResult> trials) {
        return trials.stream().filter(TrialResult::complete).min(BEST_FIRST);
    }

    /** The {@code n} best complete trials of {@code trials}, best first ({@link #BEST_FIRST}; fewer when fewer completed). */
    static List<TrialResult> bestFirst(List<TrialResult> trials, int n) {
        return trials.stream().filter(TrialResult::complete).sorted(BEST_FIRST).limit(n).toList();
    }

    static TrialResult complete(TrialSpec spec, TrainingRun r, long durationMs, String worker) {
        List<Double> curve = new ArrayList<>(r.validationCurve().length);
        for (double v : r.validationCurve()) curve.add(v);
        return new TrialResult(spec.number(), spec.params(), r.pruned() ? TrialResult.Status.PRUNED : TrialResult.Status.COMPLETE,
                r.bestScore(), r.bestIteration(), r.iterations(), durationMs, worker, spec.attempt(), null, r.modelSha256(),
                r.prunedAtStep(), curve, r.modelText());
    }
}
