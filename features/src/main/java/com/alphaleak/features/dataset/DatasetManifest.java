package com.alphaleak.features.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code _manifest.json} written next to a training set's Delta log. It describes exactly one
 * version of the table ({@link #tableVersion}); a reader that finds another version knows the
 * manifest is stale (a build died between the table commit and the manifest write).
 *
 * @param inputSignature   hash of everything the content depends on (source versions, registry,
 *                         targets, split, cut-off); an equal signature means a rebuild would write
 *                         the same rows, so it is skipped
 * @param contentFingerprint row count and order-independent hash of the rows ({@link DatasetSummary})
 * @param positiveRates    per target, per split: labelled rows, positives and their rate
 * @param excluded         per target: rows excluded as unmatured and as missing
 * @param skippedTargets   targets (among {@code targets}, with their label column in the table)
 *                         that cannot be trained or validated on this data, each with the reason
 *                         (e.g. no positives in the validation slice); training skips them. Empty
 *                         when every target is trainable; absent in manifests written before it
 *                         existed, read as empty
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetManifest(
        int manifestVersion,
        String dataset,
        String registryVersion,
        List<String> featureNames,
        List<String> targets,
        String idColumn,
        String timeColumn,
        String splitColumn,
        long rows,
        Map<String, Slice> splits,
        String validationStart,
        String calibrationStart,
        String labelsAsOf,
        Map<String, Map<String, Rate>> positiveRates,
        Map<String, Excluded> excluded,
        Map<String, SourceTable> sources,
        String inputSignature,
        String contentFingerprint,
        long tableVersion,
        String runId,
        String createdAt,
        Map<String, String> skippedTargets) {

    public static final int VERSION = 1;
    public static final String FILE_NAME = "_manifest.json";

    public DatasetManifest {
        // Sorted, so the JSON is the same however the map was built.
        skippedTargets = java.util.Collections.unmodifiableMap(skippedTargets == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(skippedTargets));
    }

    /** A manifest in which every target is trainable. */
    public DatasetManifest(int manifestVersion, String dataset, String registryVersion, List<String> featureNames, List<String> targets,
                           String idColumn, String timeColumn, String splitColumn, long rows, Map<String, Slice> splits,
                           String validationStart, String calibrationStart, String labelsAsOf,
                           Map<String, Map<String, Rate>> positiveRates, Map<String, Excluded> excluded, Map<String, SourceTable> sources,
                           String inputSignature, String contentFingerprint, long tableVersion, String runId, String createdAt) {
        this(manifestVersion, dataset, registryVersion, featureNames, targets, idColumn, timeColumn, splitColumn, rows, splits,
                validationStart, calibrationStart, labelsAsOf, positiveRates, excluded, sources, inputSignature, contentFingerprint,
                tableVersion, runId, createdAt, Map.of());
    }

    /** The targets a model can be trained for: {@code targets} without the skipped ones, in order. */
    public List<String> trainableTargets() {
        return targets.stream().filter(t -> !skippedTargets.containsKey(t)).toList();
    }

    public record Slice(long rows, String from, String to) {}

    /** @param rate positives / labelled; null when nothing is labelled */
    public record Rate(long labelled, long positives, Double rate) {}

    public record Excluded(long unmatured, long missing) {}

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

    public static DatasetManifest fromJson(String json) {
        try {
            return JSON.readValue(json, DatasetManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable dataset manifest", e);
        }
    }
}
