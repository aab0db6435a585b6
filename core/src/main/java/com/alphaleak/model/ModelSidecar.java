package com.alphaleak.model;

import com.alphaleak.metrics.AveragePrecisionInterval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code <target>_metadata.json} sidecar that travels with every exported ONNX model. Its
 * JSON Schema is {@code schema/model_metadata.schema.json} on the classpath ({@link #SCHEMA_RESOURCE});
 * field names are snake_case on disk.
 *
 * <p>Calibration convention, stated so hosts never guess: {@code x} is the model's raw margin
 * (log-odds, ONNX output {@code margin}); {@code calibrated = 1 / (1 + exp(-(platt_a * x + platt_b)))}.
 * scikit-learn's {@code A, B} ({@code 1 / (1 + exp(A * f + B))}) are {@code -platt_a, -platt_b}.
 *
 * @param schemaVersion        {@link #SCHEMA_VERSION}; readers refuse a newer major version
 * @param modelId              unique, file-name safe ({@link #MODEL_ID})
 * @param modelKind            {@code standard} (per buy signal) or {@code genesis} (per token)
 * @param featureNames         the exact input column order of the ONNX {@code features} tensor
 * @param featureDistributions training-split histogram per feature, for drift (PSI) monitoring
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelSidecar(
        int schemaVersion,
        String modelId,
        String target,
        String modelKind,
        String dataset,
        String registryVersion,
        List<String> featureNames,
        Input input,
        List<String> outputs,
        Calibration calibration,
        Metrics metrics,
        Training training,
        List<FeatureDistribution> featureDistributions,
        Parity parity,
        Onnx onnx,
        String runId,
        String createdAt,
        String codeVersion) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "schema/model_metadata.schema.json";
    public static final String FILE_SUFFIX = "_metadata.json";
    /** Letters, digits, dot, dash, underscore; starts with a letter or digit; at most 128 chars. */
    public static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final String KIND_STANDARD = "standard";
    public static final String KIND_GENESIS = "genesis";

    /** @param name ONNX input name; {@code shape} is [batch, features], batch dynamic (-1) */
    public record Input(String name, String precision, int opset, List<Integer> shape) {}

    /**
     * @param x          what the calibrator's input is (always the raw margin)
     * @param formula    the exact formula, for humans
     * @param fittedOn   {@code validation} or {@code calibration}
     */
    public record Calibration(String method, double plattA, double plattB, String x, String formula,
                              double sklearnA, double sklearnB, String fittedOn, long rows, long positives,
                              CalibrationQuality before, CalibrationQuality after,
                              List<Bin> reliabilityBefore, List<Bin> reliabilityAfter) {}

    public record CalibrationQuality(double brier, double logLoss, double eceFixed, double eceEqualMass, double mce) {}

    /** One reliability bin: predicted range [lower, upper), count, mean predicted and observed rate (null when empty). */
    public record Bin(double lower, double upper, long count, Double meanPredicted, Double observedRate) {}

    /**
     * The final model's reported metrics; PR-AUC is average precision. The top-level numbers come
     * from {@code slice}: the test slice (the split's newest slice, {@code split.calibration-fraction
     * > 0}) when it exists, else validation. Validation chose the early-stopping iteration and the
     * best trial, so its numbers are selection-biased (optimistic); {@code selectionBias} says by
     * how much when a test slice exists.
     *
     * @param bestTrialPrAuc  the best trial's validation PR-AUC (what the search maximised)
     * @param slice           {@code validation} or {@code test}: where the top-level numbers come from
     * @param selectionBiased true when {@code slice} is validation
     * @param validation      the same metrics on validation (always)
     * @param test            the same metrics on the test slice, or null without one
     */
    public record Metrics(double prAucRaw, double rocAucRaw, double prAucCalibrated, double rocAucCalibrated,
                          double baseRate, double bestTrialPrAuc, String gapExplanation, String slice,
                          Boolean selectionBiased, SliceMetrics validation, SliceMetrics test, SelectionBias selectionBias) {
        public static final String VALIDATION = "validation";
        public static final String TEST = "test";

        /** Metrics as sidecars before the slice fields had them (validation only, slice unstated). */
        public Metrics(double prAucRaw, double rocAucRaw, double prAucCalibrated, double rocAucCalibrated,
                       double baseRate, double bestTrialPrAuc, String gapExplanation) {
            this(prAucRaw, rocAucRaw, prAucCalibrated, rocAucCalibrated, baseRate, bestTrialPrAuc, gapExplanation,
                    null, null, null, null, null);
        }
    }

    /**
     * Metrics of the final model on one slice.
     *
     * @param eceCalibrated expected calibration error (10 equal-width bins) of the Platt-calibrated probability
     * @param prAucInterval 95 % percentile bootstrap interval of {@code prAucRaw} over the slice's rows (Platt is
     *                      monotone, so it holds for the calibrated PR-AUC too): how far the slice's few positives
     *                      let the number move. Null in sidecars written before it existed
     */
    public record SliceMetrics(long rows, long positives, double baseRate, double prAucRaw, double rocAucRaw,
                               double prAucCalibrated, double rocAucCalibrated, double eceCalibrated,
                               AveragePrecisionInterval prAucInterval) {
        /** Slice metrics as sidecars before the interval had them. */
        public SliceMetrics(long rows, long positives, double baseRate, double prAucRaw, double rocAucRaw,
                            double prAucCalibrated, double rocAucCalibrated, double eceCalibrated) {
            this(rows, positives, baseRate, prAucRaw, rocAucRaw, prAucCalibrated, rocAucCalibrated, eceCalibrated, null);
        }
    }

    /**
     * How optimistic the selection slice is: the best trial's validation PR-AUC against the same
     * model's PR-AUC on the untouched test slice (null without a test slice: unmeasured).
     *
     * @param difference validation minus test PR-AUC (raw margins); positive = validation flatters
     */
    public record SelectionBias(double bestTrialValidationPrAuc, Double testPrAuc, Double difference, String note) {}

    /**
     * @param bestParams LightGBM parameter names (snake_case) to values
     * @param test       the untouched newest slice (split label {@code calibration}), or null without one
     * @param fingerprint SHA-256 (hex) over everything that determined this model (dataset, target,
     *                    tuning, split, export settings, seed, registry, code version); a restart of
     *                    the same run finding it unchanged reuses the model instead of searching
     *                    again. Null in sidecars written before it existed
     * @param ensemble   the trials whose boosters the model averages, best first ({@code tuning.ensemble-size});
     *                   empty when the model is the best trial's alone (and in sidecars written before it existed)
     * @param label      what the boosters learned from; null in sidecars written before it existed (the 0/1 outcome)
     */
    public record Training(Map<String, Object> bestParams, int bestIteration, int numTrees, double scalePosWeight,
                           int trials, int trialsFailed, String searchMode, Slice train, Slice validation,
                           Map<String, Long> sourceVersions, String datasetFingerprint, long datasetVersion,
                           Slice test, String fingerprint, List<EnsembleMember> ensemble, TrainingLabel label) {
        public Training {
            ensemble = ensemble == null ? List.of() : List.copyOf(ensemble);
        }

        /** Learned from the 0/1 outcome. */
        public Training(Map<String, Object> bestParams, int bestIteration, int numTrees, double scalePosWeight,
                        int trials, int trialsFailed, String searchMode, Slice train, Slice validation,
                        Map<String, Long> sourceVersions, String datasetFingerprint, long datasetVersion,
                        Slice test, String fingerprint, List<EnsembleMember> ensemble) {
            this(bestParams, bestIteration, numTrees, scalePosWeight, trials, trialsFailed, searchMode, train, validation,
                    sourceVersions, datasetFingerprint, datasetVersion, test, fingerprint, ensemble, TrainingLabel.OUTCOME);
        }

        /** One trial's model. */
        public Training(Map<String, Object> bestParams, int bestIteration, int numTrees, double scalePosWeight,
                        int trials, int trialsFailed, String searchMode, Slice train, Slice validation,
                        Map<String, Long> sourceVersions, String datasetFingerprint, long datasetVersion,
                        Slice test, String fingerprint) {
            this(bestParams, bestIteration, numTrees, scalePosWeight, trials, trialsFailed, searchMode, train, validation,
                    sourceVersions, datasetFingerprint, datasetVersion, test, fingerprint, List.of());
        }

        /** Without a training fingerprint. */
        public Training(Map<String, Object> bestParams, int bestIteration, int numTrees, double scalePosWeight,
                        int trials, int trialsFailed, String searchMode, Slice train, Slice validation,
                        Map<String, Long> sourceVersions, String datasetFingerprint, long datasetVersion, Slice test) {
            this(bestParams, bestIteration, numTrees, scalePosWeight, trials, trialsFailed, searchMode, train, validation,
                    sourceVersions, datasetFingerprint, datasetVersion, test, null);
        }
    }

    /**
     * What a model's boosters learned from ({@code tuning.peak-label}): the target's 0/1 outcome
     * ({@code type = outcome}), or (type {@code peak}) the soft label
     * {@code sigmoid((ln peak - ln multiple) / temperature)} of the peak multiple in {@code column}.
     * Metrics, early stopping and Platt scaling read the 0/1 outcome either way.
     */
    public record TrainingLabel(String type, String column, Double multiple, Double temperature) {
        public static final TrainingLabel OUTCOME = new TrainingLabel("outcome", null, null, null);

        public static TrainingLabel peak(String column, double multiple, double temperature) {
            return new TrainingLabel("peak", column, multiple, temperature);
        }
    }

    /**
     * One trial of an averaged model: its number in the search, its validation PR-AUC, the iteration
     * its trees stop at and its LightGBM parameters (snake_case).
     */
    public record EnsembleMember(int trial, double validationPrAuc, int bestIteration, Map<String, Object> params) {}

    /** Time range (ISO-8601 UTC, inclusive) and counts of one split slice. */
    public record Slice(String from, String to, long rows, long positives) {}

    /**
     * Histogram of one feature over the training split: {@code edges} are the inner bin edges
     * (bin i is {@code edges[i-1] < x <= edges[i]}), {@code fractions} has {@code edges.size() + 1}
     * entries over non-missing rows, {@code missingFraction} is the share of NaN rows.
     */
    public record FeatureDistribution(String feature, List<Double> edges, List<Double> fractions,
                                      double missingFraction) {}

    public record Parity(long rows, long edgeRows, double maxAbsMarginDiff, double maxAbsProbabilityDiff,
                         long differingRows, double marginTolerance, boolean passed, String reference,
                         String onnxRuntimeVersion) {}

    public record Onnx(String file, String sha256, long bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelSidecar fromJson(String json) {
        try {
            return JSON.readValue(json, ModelSidecar.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable model sidecar: " + e.getMessage(), e);
        }
    }

    /**
     * The model's file stem, which is also its name in the model store and on hosts: the target
     * for standard models, {@code genesis_<target>} for genesis models (their targets share names).
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String stem() {
        return stem(modelKind, target);
    }

    public static String stem(String modelKind, String target) {
        return KIND_GENESIS.equals(modelKind) ? "genesis_" + target : target;
    }

    /** File name of the sidecar for a model file stem, e.g. {@code reach_2x_1h_metadata.json}. */
    public static String fileName(String stem) {
        return stem + FILE_SUFFIX;
    }
}
