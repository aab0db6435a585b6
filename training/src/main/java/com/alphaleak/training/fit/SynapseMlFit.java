package com.alphaleak.training.fit;

import com.alphaleak.training.lightgbm.LightGbmParams;
import com.microsoft.azure.synapse.ml.lightgbm.LightGBMClassificationModel;
import com.microsoft.azure.synapse.ml.lightgbm.LightGBMClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.TreeMap;

/**
 * One SynapseML {@code LightGBMClassifier} fit on a {@link TrainingFrame}: binary objective, early
 * stopping on validation PR-AUC ({@code average_precision}), deterministic, seeded. Searched
 * parameters go through SynapseML's typed setters; {@code scale_pos_weight} (no setter) and any
 * parameter without a setter go through {@code passThroughArgs}.
 */
public final class SynapseMlFit {
    private SynapseMlFit() {}

    /**
     * @param bestIteration 1-based iteration kept by early stopping
     * @param modelText     LightGBM text model cut to that iteration
     */
    public record Fitted(String modelText, int bestIteration, int numTrees, long millis) {}

    public static Fitted fit(Dataset<Row> frame, java.util.List<String> featureNames, Map<String, Object> params, double scalePosWeight, long seed,
                             int maxIterations, int patience) {
        long t0 = System.nanoTime();
        LightGBMClassifier c = new LightGBMClassifier();
        // SynapseML setters return trait types, hence one statement per setter.
        c.setObjective("binary");
        c.setMetric("average_precision");
        c.setFeaturesCol(TrainingFrame.FEATURES);
        c.setLabelCol(TrainingFrame.LABEL);
        c.setValidationIndicatorCol(TrainingFrame.IS_VALIDATION);
        c.setNumIterations(maxIterations);
        c.setEarlyStoppingRound(patience);
        c.setDeterministic(true);
        c.setSeed((int) seed);
        c.setVerbosity(-1);
        // the text model then names its features, which the export checks against the dataset's order
        c.setSlotNames(featureNames.toArray(new String[0]));
        LightGbmParams extra = LightGbmParams.none().set("scale_pos_weight", scalePosWeight);
        Map<String, Object> sorted = new TreeMap<>(params);
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "num_leaves" -> c.setNumLeaves(((Number) v).intValue());
                case "learning_rate" -> c.setLearningRate(((Number) v).doubleValue());
                case "min_child_samples", "min_data_in_leaf" -> c.setMinDataInLeaf(((Number) v).intValue());
                case "feature_fraction" -> c.setFeatureFraction(((Number) v).doubleValue());
                case "bagging_fraction" -> {
                    c.setBaggingFraction(((Number) v).doubleValue());
                    if (((Number) v).doubleValue() < 1.0 && !sorted.containsKey("bagging_freq")) c.setBaggingFreq(1);
                }
                case "bagging_freq" -> c.setBaggingFreq(((Number) v).intValue());
                case "lambda_l1" -> c.setLambdaL1(((Number) v).doubleValue());
                case "lambda_l2" -> c.setLambdaL2(((Number) v).doubleValue());
                case "max_depth" -> c.setMaxDepth(((Number) v).intValue());
                case "min_gain_to_split" -> c.setMinGainToSplit(((Number) v).doubleValue());
                case "max_bin" -> c.setMaxBin(((Number) v).intValue());
                default -> extra.set(e.getKey(), v);
            }
        }
        c.setPassThroughArgs(extra.toString());
        LightGBMClassificationModel model = c.fit(frame);
        String text = model.getNativeModel();
        int best = model.getBoosterBestIteration();
        int trees = model.getBoosterNumTotalModel();
        return new Fitted(text, best > 0 ? best : trees, trees, (System.nanoTime() - t0) / 1_000_000);
    }
}
