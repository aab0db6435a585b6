package com.alphaleak.training.search;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.lightgbm.DatasetCache;
import com.alphaleak.training.lightgbm.TrainingRun;

/** Runs trials in the calling (driver) thread: for tests, debugging and tiny datasets. */
public final class DriverTrialExecutor implements TrialExecutor {
    private final TrialData data;
    private final TrialFunction function;
    private final int slots;

    public DriverTrialExecutor(SplitMatrices data, TrialFunction function, int slots) {
        this.data = TrialData.of(data);
        this.function = function;
        this.slots = slots;
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        long t0 = System.nanoTime();
        TrainingRun r = function.train(data, spec);
        return TrialResults.complete(spec, r, (System.nanoTime() - t0) / 1_000_000, "driver/" + Thread.currentThread().getName());
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public String mode() {
        return "driver";
    }

    @Override
    public void close() {
        DatasetCache.invalidate(data.key());
    }
}
