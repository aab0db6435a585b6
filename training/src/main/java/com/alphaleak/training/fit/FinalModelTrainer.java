package com.alphaleak.training.fit;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.search.TrialSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The final model of a search, scored on the validation slice with LightGBM native prediction and
 * compared with the trial it comes from: the model a sampled search's confirmation trained
 * ({@link #ofConfirmedTrial}), the best trial replayed as a SynapseML fit ({@link #replay}), or a
 * SynapseML fit of a data-parallel search's best parameters ({@link #train}).
 */
public final class FinalModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(FinalModelTrainer.class);

    private FinalModelTrainer() {}

    /**
     * The final model of a task-parallel search: the best trial replayed as a SynapseML fit
     * ({@link SynapseMlFit#replay}) on the trial's training rows, bins, parameters and best
     * iteration, so its trees are the trial's.
     *
     * @param trial the trial function the search ran (its fixed settings: seed, threads, scale_pos_weight)
     */
    public static FinalModel replay(SparkSession spark, SplitMatrices matrices, TrialResult best, BoosterTrial trial) {
        String params = trial.params(new TrialSpec(best.number(), best.params(), 1));
        byte[] bins = EarlyStoppingTrainer.trainingBins(matrices, params);
        SynapseMlFit.Fitted fitted;
        try (MatrixFrame rows = MatrixFrame.of(spark, matrices.train())) {
            fitted = SynapseMlFit.replay(rows.frame(), matrices.featureNames(), params, bins, best.bestIteration());
        }
        return ofTrialTrees(fitted.modelText(), fitted.numTrees(), matrices, best, trial, fitted.millis(),
                "The final fit replays the trial: same training rows in the same order, the trial's bin boundaries, "
                        + "parameters, seed and thread count, one task, and exactly the trial's best iteration (no second "
                        + "early stopping), so a difference beyond float rounding of the metric means the replay broke.");
    }

    /** A final model with the trees of trial {@code best}, scored on validation and compared with the trial. */
    private static FinalModel ofTrialTrees(String text, int trees, SplitMatrices matrices, TrialResult best, BoosterTrial trial,
                                           long millis, String why) {
        ModelEvaluation eval = ModelEvaluation.of(text, matrices.validation());
        double gap = eval.prAuc() - best.value();
        String explanation = String.format(
                "final model validation PR-AUC %.4f (%d trees) vs best trial %.4f (trial %d, best iteration %d): difference %+.4f. ",
                eval.prAuc(), trees, best.value(), best.number(), best.bestIteration(), gap) + why;
        LOG.info(explanation);
        return new FinalModel(text, best.params(), best.bestIteration(), trees, trial.scalePosWeight(), eval,
                best.withoutModel(), gap, explanation, millis);
    }

    /**
     * The final model of a sampled search: the booster its best confirmation trained on every
     * training row (the trial function kept its text, {@link BoosterTrial#keepingModels()}). That
     * model was measured on the validation slice when it was chosen; training it again (a replay)
     * would give the same trees at the cost of a second full-row fit, the largest step after the
     * search at 1M signals.
     *
     * @throws IllegalArgumentException when the trial has no model text
     */
    public static FinalModel ofConfirmedTrial(SplitMatrices matrices, TrialResult best, BoosterTrial trial) {
        if (best.modelText() == null) {
            throw new IllegalArgumentException("trial " + best.number() + " kept no model text (run it with BoosterTrial.keepingModels())");
        }
        return ofTrialTrees(best.modelText(), treeCount(best.modelText()), matrices, best, trial, best.durationMs(),
                "The final model is the booster the trial's confirmation trained on every training row, cut to its "
                        + "best iteration (the model that was measured, not a second fit), so a difference beyond float "
                        + "rounding of the metric means the scoring broke.");
    }

    /**
     * The final model of a sampled search, from its best confirmation as {@code source} says: its
     * booster ({@link #ofConfirmedTrial}) or a SynapseML replay of it ({@link #replay}); the trees
     * are the same either way.
     */
    public static FinalModel ofSampledSearch(SparkSession spark, SplitMatrices matrices, TrialResult best, BoosterTrial trial,
                                             com.alphaleak.config.SampledFinalModel source) {
        return switch (source) {
            case BOOSTER -> ofConfirmedTrial(matrices, best, trial);
            case SYNAPSEML_REPLAY -> replay(spark, matrices, best.withoutModel(), trial);
        };
    }

    /** Trees in a LightGBM text model (one per iteration for a binary objective). */
    static int treeCount(String modelText) {
        int n = 0;
        for (int at = modelText.indexOf("\nTree="); at >= 0; at = modelText.indexOf("\nTree=", at + 1)) n++;
        return n;
    }

    public static FinalModel train(Dataset<Row> frame, SplitMatrices matrices, TrialResult best, double scalePosWeight,
                                   long seed, int maxIterations, int patience) {
        return train(frame, matrices, best, scalePosWeight, seed, maxIterations, patience, false);
    }

    /**
     * @param oneMachine fit on one task, so the trees do not depend on how many executors the
     *                   cluster has at that moment (a restart of the run on a cluster of another
     *                   size, or after losing an executor, then trains the same model and keeps the
     *                   existing export). Right when the training split fits one executor, as
     *                   task-parallel trials already require; data-parallel runs fit on every slot.
     */
    public static FinalModel train(Dataset<Row> frame, SplitMatrices matrices, TrialResult best, double scalePosWeight,
                                   long seed, int maxIterations, int patience, boolean oneMachine) {
        SynapseMlFit.Fitted fitted = SynapseMlFit.fit(frame, matrices.featureNames(), best.params(), scalePosWeight, seed, maxIterations,
                patience, oneMachine ? 1 : 0);
        ModelEvaluation eval = ModelEvaluation.of(fitted.modelText(), matrices.validation());
        double gap = eval.prAuc() - best.value();
        String explanation = String.format(
                "final model validation PR-AUC %.4f (%d trees, best iteration %d) vs best trial %.4f (trial %d, best iteration %d): "
                        + "difference %+.4f. Both use the same parameters, seed and early-stopping rule; they differ in how the "
                        + "dataset is built (SynapseML bins features from a sample of its Spark partitions and trains with "
                        + "its own data layout, the trial bins all rows of one in-memory matrix), which moves split "
                        + "thresholds and therefore the early-stopping point.",
                eval.prAuc(), fitted.numTrees(), fitted.bestIteration(), best.value(), best.number(), best.bestIteration(), gap);
        LOG.info(explanation);
        return new FinalModel(fitted.modelText(), best.params(), fitted.bestIteration(), fitted.numTrees(), scalePosWeight,
                eval, best, gap, explanation, fitted.millis());
    }
}
