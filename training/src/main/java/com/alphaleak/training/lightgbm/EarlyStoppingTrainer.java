package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.prune.RungPlan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Trains a single-node LightGBM booster through the native API with early stopping on the
 * validation slice's PR-AUC, the way LightGBM's own {@code early_stopping_round} does: stop after
 * {@code patience} iterations without a strictly higher score and keep the best iteration. A
 * {@link RungPlan} may stop the fit earlier, at a rung where the best score so far is below the
 * rung's bar (the fit is then pruned; its best iteration and score are those reached so far).
 */
public final class EarlyStoppingTrainer {
    /** Binning settings shared by the training and validation datasets. */
    public static final String DATASET_PARAMS = "max_bin=255 feature_pre_filter=false";

    private EarlyStoppingTrainer() {}

    /**
     * @param params        full LightGBM parameter string ({@link LightGbmParams})
     * @param maxIterations upper bound on boosting iterations
     * @param patience      early-stopping rounds; {@code <= 0} trains all {@code maxIterations}
     * @param keepModel     whether to return the text model (large) or only its hash
     */
    public static TrainingRun train(SplitMatrices data, String params, int maxIterations, int patience, boolean keepModel) {
        return train(data, params, maxIterations, patience, keepModel, RungPlan.none());
    }

    /** As {@link #train}, stopped early where {@code plan} prunes. */
    public static TrainingRun train(SplitMatrices data, String params, int maxIterations, int patience, boolean keepModel,
                                    RungPlan plan) {
        long t0 = System.nanoTime();
        String datasetParams = datasetParams(params);
        try (NativeDataset train = NativeDataset.of(data.train(), data.featureNames(), datasetParams, null);
             NativeDataset validation = NativeDataset.of(data.validation(), data.featureNames(), datasetParams, train)) {
            return boost(train, validation, params, maxIterations, patience, keepModel, (System.nanoTime() - t0) / 1_000_000, plan);
        }
    }

    /**
     * As {@link #train}, on the datasets this JVM's {@link DatasetCache} holds for {@code dataKey}
     * (built by the first caller): the same model, without binning the rows again.
     *
     * @param dataKey names {@code data} uniquely (one search's matrices)
     */
    public static TrainingRun trainCached(String dataKey, SplitMatrices data, String params, int maxIterations, int patience,
                                          boolean keepModel) {
        return trainCached(dataKey, data, params, maxIterations, patience, keepModel, RungPlan.none());
    }

    /** As {@link #trainCached(String, SplitMatrices, String, int, int, boolean)}, stopped early where {@code plan} prunes. */
    public static TrainingRun trainCached(String dataKey, SplitMatrices data, String params, int maxIterations, int patience,
                                          boolean keepModel, RungPlan plan) {
        try (DatasetCache.Lease lease = DatasetCache.acquire(dataKey, data, datasetParams(params))) {
            return boost(lease.train(), lease.validation(), params, maxIterations, patience, keepModel, lease.buildMillis(), plan);
        }
    }

    private static TrainingRun boost(NativeDataset train, NativeDataset validation, String params, int maxIterations,
                                     int patience, boolean keepModel, long datasetMillis, RungPlan plan) {
        long t1 = System.nanoTime();
        // The binary objective takes any label above 0 as a positive: soft targets need cross entropy.
        String objective = extract(params, "objective");
        if (train.softTargets() != objective.equals("objective=cross_entropy")) {
            throw new IllegalArgumentException("training rows with " + (train.softTargets() ? "soft targets" : "0/1 labels")
                    + " and " + (objective.isEmpty() ? "no objective" : objective)
                    + ": soft targets are fitted with objective=cross_entropy, 0/1 labels with objective=binary");
        }
        try (NativeBooster booster = NativeBooster.create(train, params)) {
            booster.addValidation(validation);
            double[] curve = new double[maxIterations];
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            int trained = 0;
            int prunedAt = 0;
            for (int it = 1; it <= maxIterations; it++) {
                boolean finished = booster.updateOneIteration();
                trained = it;
                double score = booster.eval(1)[0];
                curve[it - 1] = score;
                if (score > bestScore) {
                    bestScore = score;
                    best = it;
                }
                // A fit that ends by itself at a rung is complete, not pruned.
                if (finished || (patience > 0 && it - best >= patience)) break;
                if (plan.prunes(it, bestScore)) {
                    prunedAt = it;
                    break;
                }
            }
            String model = booster.modelString(best);
            long t2 = System.nanoTime();
            return new TrainingRun(best, bestScore, trained, Arrays.copyOf(curve, trained),
                    keepModel ? model : null, sha256(model), datasetMillis, (t2 - t1) / 1_000_000, prunedAt);
        }
    }

    /**
     * The dataset parameters a trial with booster parameters {@code params} bins its rows with:
     * {@link #DATASET_PARAMS} plus its seed (LightGBM derives {@code data_random_seed}, which picks
     * the rows bins are computed from when there are more than {@code bin_construct_sample_cnt})
     * and thread count.
     */
    public static String datasetParams(String params) {
        return DATASET_PARAMS + " " + extract(params, "seed") + " " + extract(params, "num_threads");
    }

    /**
     * The bin boundaries a trial with booster parameters {@code params} computes from the training
     * slice {@code train}, serialized ({@link NativeDataset#serializedReference}).
     */
    public static byte[] trainingBins(SplitMatrices data, String params) {
        try (NativeDataset train = NativeDataset.of(data.train(), data.featureNames(), datasetParams(params), null)) {
            return train.serializedReference();
        }
    }

    private static String extract(String params, String key) {
        for (String kv : params.split(" ")) {
            if (kv.startsWith(key + "=")) return kv;
        }
        return "";
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
