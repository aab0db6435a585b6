package com.alphaleak.training.search;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.LightGbmParams;
import com.alphaleak.training.lightgbm.TrainingRun;

/**
 * The standard trial: a single-node LightGBM booster through the native API with early stopping
 * on validation PR-AUC. Everything that is not searched is fixed here, so the same spec gives the
 * same model on the driver and in any executor.
 *
 * @param threads OpenMP threads of one trial (the summation order, hence the model, depends on it)
 */
public record BoosterTrial(long seed, int threads, double scalePosWeight, int maxIterations, int patience)
        implements TrialFunction {

    public String params(TrialSpec spec) {
        return LightGbmParams.binary(seed, threads, scalePosWeight).setAll(spec.params()).toString();
    }

    @Override
    public TrainingRun train(SplitMatrices data, TrialSpec spec) {
        return EarlyStoppingTrainer.train(data, params(spec), maxIterations, patience, false);
    }
}
