package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.TrainingRun;

import java.util.ArrayList;
import java.util.List;

final class TrialResults {
    private TrialResults() {}

    static TrialResult complete(TrialSpec spec, TrainingRun r, long durationMs, String worker) {
        List<Double> curve = new ArrayList<>(r.validationCurve().length);
        for (double v : r.validationCurve()) curve.add(v);
        return new TrialResult(spec.number(), spec.params(), r.pruned() ? TrialResult.Status.PRUNED : TrialResult.Status.COMPLETE,
                r.bestScore(), r.bestIteration(), r.iterations(), durationMs, worker, spec.attempt(), null, r.modelSha256(),
                r.prunedAtStep(), curve);
    }
}
