package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.LightGbmParams;
import com.alphaleak.training.lightgbm.Patience;
import com.alphaleak.training.lightgbm.TrainingRun;

/**
 * The standard trial: a single-node LightGBM booster through the native API with early stopping
 * on validation PR-AUC. Everything that is not searched is fixed here, so the same spec gives the
 * same model on the driver and in any executor. The binned datasets come from the JVM's
 * {@link com.alphaleak.training.lightgbm.DatasetCache}: the first trial in a JVM bins the rows, the
 * others only boost (the model is the same either way: a dataset is read-only to a booster). The
 * spec's rung plan stops a hopeless trial early (pruned).
 *
 * @param threads       OpenMP threads of one trial (the summation order, hence the model, depends on it)
 * @param patience      early-stopping rounds (the largest patience when {@code patienceShrinkage > 0})
 * @param reuseDatasets share binned datasets between trials of one JVM (default); false bins per trial,
 *                      the baseline of {@code bin/benchmark trials}
 * @param patienceShrinkage scales each trial's patience with its learning rate ({@link Patience}); 0 = fixed
 */
public record BoosterTrial(long seed, int threads, double scalePosWeight, int maxIterations, int patience,
                           boolean reuseDatasets, double patienceShrinkage) implements TrialFunction {

    public BoosterTrial(long seed, int threads, double scalePosWeight, int maxIterations, int patience) {
        this(seed, threads, scalePosWeight, maxIterations, patience, true, 0.0);
    }

    public BoosterTrial(long seed, int threads, double scalePosWeight, int maxIterations, int patience, boolean reuseDatasets) {
        this(seed, threads, scalePosWeight, maxIterations, patience, reuseDatasets, 0.0);
    }

    /** The early-stopping patience of the trial {@code spec}. */
    public int patienceOf(TrialSpec spec) {
        return new Patience(patience, patienceShrinkage).forParams(spec.params());
    }

    /** The LightGBM parameters of trial {@code spec} on rows that learn from 0/1 labels. */
    public String params(TrialSpec spec) {
        return params(spec, false);
    }

    /** The LightGBM parameters of trial {@code spec} on rows that learn from soft targets or not ({@link LightGbmParams#forRows}). */
    public String params(TrialSpec spec, boolean softTargets) {
        return LightGbmParams.forRows(seed, threads, scalePosWeight, softTargets).setAll(spec.params()).toString();
    }

    @Override
    public TrainingRun train(TrialData data, TrialSpec spec) {
        return train(data, spec, false);
    }

    /**
     * The same trial function returning each trial's text model too ({@link TrialResult#modelText()}):
     * for the few trials whose model may be deployed (a sampled search's confirmations), not for a
     * search, whose trials' models would all travel to the driver.
     */
    public TrialFunction keepingModels() {
        return (data, spec) -> train(data, spec, true);
    }

    private TrainingRun train(TrialData data, TrialSpec spec, boolean keepModel) {
        String params = params(spec, data.matrices().train().softTargets());
        return reuseDatasets
                ? EarlyStoppingTrainer.trainCached(data.key(), data.matrices(), params, maxIterations, patienceOf(spec), keepModel,
                        spec.rungPlan())
                : EarlyStoppingTrainer.train(data.matrices(), params, maxIterations, patienceOf(spec), keepModel, spec.rungPlan());
    }
}
