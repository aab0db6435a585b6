package com.alphaleak.training.fit;

import com.alphaleak.training.search.TrialResult;

import java.util.List;
import java.util.Map;

/**
 * The model to export: the search's best trial's trees (trained on the training slice, early-stopped
 * on validation PR-AUC), or with {@code tuning.ensemble-size > 1} the margin average of the best
 * few trials' boosters ({@link BoosterAverage}).
 *
 * @param validation   its scores on the validation slice (LightGBM native prediction)
 * @param bestTrial    the search trial whose parameters it used
 * @param gap          validation PR-AUC of the final model minus the best trial's
 * @param gapExplanation why the two can differ, with the numbers
 * @param members      the trials whose boosters are averaged, best first (without model texts); empty
 *                     when the model is one trial's ({@code bestTrial})
 */
public record FinalModel(String modelText, Map<String, Object> params, int bestIteration, int numTrees,
                         double scalePosWeight, ModelEvaluation validation, TrialResult bestTrial, double gap,
                         String gapExplanation, long fitMillis, List<TrialResult> members) {
    /** One trial's model. */
    public FinalModel(String modelText, Map<String, Object> params, int bestIteration, int numTrees,
                      double scalePosWeight, ModelEvaluation validation, TrialResult bestTrial, double gap,
                      String gapExplanation, long fitMillis) {
        this(modelText, params, bestIteration, numTrees, scalePosWeight, validation, bestTrial, gap, gapExplanation, fitMillis,
                List.of());
    }
}
