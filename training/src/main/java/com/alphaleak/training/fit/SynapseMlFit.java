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
        return fit(frame, featureNames, params, scalePosWeight, seed, maxIterations, patience, 0);
    }

    /**
     * @param numTasks tasks (LightGBM machines) of the fit; 0 = one per task slot of the live
     *                 executors. The trees depend on it (each machine bins its own share of the
     *                 rows), so a fit that must not depend on the cluster's size passes 1.
     */
    public static Fitted fit(Dataset<Row> frame, java.util.List<String> featureNames, Map<String, Object> params, double scalePosWeight, long seed,
                             int maxIterations, int patience, int numTasks) {
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
        applySearched(c, params, extra);
        c.setPassThroughArgs(extra.toString());
        int tasks = numTasks > 0 ? numTasks : liveTaskSlots(frame.sparkSession());
        if (tasks > 0) c.setNumTasks(tasks);
        LightGBMClassificationModel model = c.fit(frame);
        String text = model.getNativeModel();
        int best = model.getBoosterBestIteration();
        int trees = model.getBoosterNumTotalModel();
        return new Fitted(text, best > 0 ? best : trees, trees, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Replays one native trial as a SynapseML fit, so the exported model is the model the search
     * scored: the same rows in the same order (one partition, {@link MatrixFrame}), the trial's bin
     * boundaries ({@code referenceDataset}; SynapseML would otherwise bin from its own sample of
     * partitions, with {@code feature_pre_filter} on), its full parameter string, one task (the
     * trees do not depend on the cluster's size), its thread count (the histogram summation order
     * depends on it) and a fixed number of iterations, the trial's best (no early stopping: the
     * trial already chose the iteration on validation, and the validation rows stay out of the fit).
     *
     * @param trainRows   the training slice, one partition, in the trial's row order
     * @param trialParams the trial's LightGBM parameter string ({@code BoosterTrial.params})
     * @param bins        the trial's serialized bin boundaries ({@code EarlyStoppingTrainer.trainingBins})
     * @param iterations  boosting iterations to train
     */
    public static Fitted replay(Dataset<Row> trainRows, java.util.List<String> featureNames, String trialParams, byte[] bins,
                                int iterations) {
        long t0 = System.nanoTime();
        Map<String, String> p = parse(trialParams);
        LightGBMClassifier c = new LightGBMClassifier();
        c.setObjective(p.getOrDefault("objective", "binary"));
        c.setFeaturesCol(TrainingFrame.FEATURES);
        c.setLabelCol(TrainingFrame.LABEL);
        c.setNumIterations(iterations);
        c.setDeterministic(Boolean.parseBoolean(p.getOrDefault("deterministic", "true")));
        if (p.containsKey("seed")) c.setSeed(Integer.parseInt(p.get("seed")));
        if (p.containsKey("num_threads")) c.setNumThreads(Integer.parseInt(p.get("num_threads")));
        if (p.containsKey("metric")) c.setMetric(p.get("metric"));
        c.setVerbosity(-1);
        c.setSlotNames(featureNames.toArray(new String[0]));
        c.setNumTasks(1);
        c.setUseSingleDatasetMode(true);
        c.setDataTransferMode("streaming");
        c.setReferenceDataset(bins);
        Map<String, Object> typed = new TreeMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) typed.put(e.getKey(), number(e.getValue()));
        LightGbmParams ignored = LightGbmParams.none();
        applySearched(c, typed, ignored);
        // Every trial parameter also goes through verbatim: where a typed setter exists both carry
        // the same value, so it does not matter which of the repeated keys LightGBM keeps.
        c.setPassThroughArgs(trialParams);
        LightGBMClassificationModel model = c.fit(trainRows);
        String text = model.getNativeModel();
        int trees = model.getBoosterNumTotalModel();
        return new Fitted(text, trees, trees, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Map<String, String> parse(String params) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String kv : params.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    private static Object number(String v) {
        try {
            return v.matches("-?\\d+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** Searched parameters through SynapseML's typed setters; the rest into {@code extra} (passThroughArgs). */
    private static void applySearched(LightGBMClassifier c, Map<String, Object> params, LightGbmParams extra) {
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
    }

    /**
     * Task slots of the executors alive now (each executor's cores / {@code spark.task.cpus}), or 0
     * in local mode, where SynapseML's own count is right.
     *
     * <p>Why: a SynapseML fit starts one task per slot it believes exists and waits (up to its
     * 20-minute network timeout) until all of them run at once. On a standalone cluster without
     * {@code spark.executor.cores} it takes each executor to have as many cores as the JVM sees on
     * its machine, not the cores the Worker granted: two 1-core Workers on a 2-core machine gave 4
     * (later, with one Worker lost, 2) tasks for 2 (1) slots, and the final fit hung. The status
     * store knows the cores each live executor really has; it is Spark-internal
     * ({@code private[spark]}, public in bytecode), as SynapseML's own executor lookup is.
     */
    static int liveTaskSlots(org.apache.spark.sql.SparkSession spark) {
        org.apache.spark.SparkContext sc = spark.sparkContext();
        if (sc.isLocal()) return 0;
        int taskCpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
        int slots = 0;
        for (org.apache.spark.status.api.v1.ExecutorSummary e
                : scala.collection.JavaConverters.seqAsJavaList(sc.statusStore().executorList(true))) {
            if (!"driver".equals(e.id())) slots += e.totalCores() / taskCpus;
        }
        return slots;
    }
}
