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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        if (matrices.train().softTargets()) {
            throw new IllegalArgumentException("a SynapseML replay is a classifier fit on 0/1 labels; these rows learn from soft "
                    + "targets (tuning.peak-label): take the trial's booster instead");
        }
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

    /**
     * The final model of an ensemble: the margin average ({@link BoosterAverage}) of the members'
     * boosters, each as its trial trained it (kept model texts, best first), scored on validation and
     * compared with the best member. A search's best validation PR-AUC leads the next few by less than
     * the noise of a few hundred validation positives, and a single booster of a rare target varies
     * with its seed by as much; averaging the few best lowers that variance at no cost in data
     * (docs/benchmarks.md, "Averaging the best trials").
     *
     * @param members at least one; each must carry its model text
     * @throws IllegalArgumentException when a member has no model text
     */
    public static FinalModel ofEnsemble(SplitMatrices matrices, List<TrialResult> members, BoosterTrial trial) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one member");
        if (members.size() == 1) return ofConfirmedTrial(matrices, members.get(0), trial);
        List<String> texts = new ArrayList<>();
        long millis = 0;
        for (TrialResult m : members) {
            if (m.modelText() == null) {
                throw new IllegalArgumentException("trial " + m.number() + " kept no model text (run it with BoosterTrial.keepingModels())");
            }
            texts.add(m.modelText());
            millis += m.durationMs();
        }
        String text = BoosterAverage.of(texts);
        TrialResult best = members.get(0);
        ModelEvaluation eval = ModelEvaluation.of(text, matrices.validation());
        double gap = eval.prAuc() - best.value();
        StringBuilder who = new StringBuilder();
        for (TrialResult m : members) {
            if (who.length() > 0) who.append(", ");
            who.append(String.format(Locale.ROOT, "trial %d (%.4f, %d trees)", m.number(), m.value(), m.bestIteration()));
        }
        int trees = treeCount(text);
        String explanation = String.format(Locale.ROOT,
                "final model validation PR-AUC %.4f (%d trees) vs best trial %.4f (trial %d, best iteration %d): difference %+.4f. "
                        + "The final model is the margin average of the %d best trials' boosters as they were trained: %s "
                        + "(tuning.ensemble-size); the difference is the average's, not a refit's.",
                eval.prAuc(), trees, best.value(), best.number(), best.bestIteration(), gap, members.size(), who);
        LOG.info(explanation);
        return new FinalModel(text, best.params(), best.bestIteration(), trees, trial.scalePosWeight(), eval, best.withoutModel(), gap,
                explanation, millis, members.stream().map(TrialResult::withoutModel).toList());
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
