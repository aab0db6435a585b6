package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.TrainingRun;

final class TrialResults {
    private TrialResults() {}

    static TrialResult complete(TrialSpec spec, TrainingRun r, long durationMs, String worker) {
        return new TrialResult(spec.number(), spec.params(), TrialResult.Status.COMPLETE, r.bestScore(),
                r.bestIteration(), r.iterations(), durationMs, worker, spec.attempt(), null, r.modelSha256());
    }
}
