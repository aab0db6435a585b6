package com.alphaleak.training.fit;

import com.alphaleak.training.search.TrialResult;

import java.util.Map;

/**
 * The model to export: trained with SynapseML on the training slice with the search's best
 * parameters, early-stopped on validation PR-AUC.
 *
 * @param validation   its scores on the validation slice (LightGBM native prediction)
 * @param bestTrial    the search trial whose parameters it used
 * @param gap          validation PR-AUC of the final model minus the best trial's
 * @param gapExplanation why the two can differ, with the numbers
 */
public record FinalModel(String modelText, Map<String, Object> params, int bestIteration, int numTrees,
                         double scalePosWeight, ModelEvaluation validation, TrialResult bestTrial, double gap,
                         String gapExplanation, long fitMillis) {}
