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
 * Trains the final model with SynapseML on the training slice using the best trial's parameters,
 * then scores it on the validation slice with LightGBM native prediction and compares it with the
 * best trial's score.
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
        ModelEvaluation eval = ModelEvaluation.of(fitted.modelText(), matrices.validation());
        double gap = eval.prAuc() - best.value();
        String explanation = String.format(
                "final model validation PR-AUC %.4f (%d trees) vs best trial %.4f (trial %d, best iteration %d): difference %+.4f. "
                        + "The final fit replays the trial: same training rows in the same order, the trial's bin boundaries, "
                        + "parameters, seed and thread count, one task, and exactly the trial's best iteration (no second "
                        + "early stopping), so a difference beyond float rounding of the metric means the replay broke.",
                eval.prAuc(), fitted.numTrees(), best.value(), best.number(), best.bestIteration(), gap);
        LOG.info(explanation);
        return new FinalModel(fitted.modelText(), best.params(), fitted.bestIteration(), fitted.numTrees(),
                trial.scalePosWeight(), eval, best, gap, explanation, fitted.millis());
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
