package com.alphaleak.training;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.features.dataset.DatasetManifest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingFingerprintTest {
    private static final DatasetManifest MANIFEST = manifest(m -> m);
    private static final AlphaLeakConfig CONFIG = config(Map.of());
    private static final String BASE = TrainingFingerprint.of(MANIFEST, "reach_2x_1h", CONFIG, 4, "1.0");

    private static AlphaLeakConfig config(Map<String, String> overrides) {
        // No peak-labelled model, so that a class weight and data-parallel trials are valid changes below.
        Map<String, String> all = new HashMap<>(Map.of("run.work-dir", "/data/al", "tuning.peak-label.models", "[]"));
        all.putAll(overrides);
        return ConfigLoader.load(Optional.empty(), all);
    }

    private static String with(String key, String value) {
        return TrainingFingerprint.of(MANIFEST, "reach_2x_1h", config(Map.of(key, value)), 4, "1.0");
    }

    /** The manifest of a small signal training set; {@code change} rewrites its JSON. */
    private static DatasetManifest manifest(UnaryOperator<String> change) {
        DatasetManifest m = new DatasetManifest(DatasetManifest.VERSION, "signal", "signal_v1", List.of("alpha_score", "is_bot"),
                List.of("reach_2x_1h", "reach_3x_30m"), "signal_id", "signal_time", "split", 1000,
                Map.of("train", new DatasetManifest.Slice(800, "2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z")),
                "2026-01-08T00:00:00Z", null, "2026-01-11T00:00:00Z", Map.of(), Map.of(), Map.of(), "sig-abc", "rows-1000-ff00",
                3, "build-1", "2026-01-11T00:00:00Z");
        return DatasetManifest.fromJson(change.apply(m.toJson()));
    }

    @Test
    void isSixtyFourHexDigitsAndTheSameForTheSameInputs() {
        assertTrue(BASE.matches("[0-9a-f]{64}"), BASE);
        assertEquals(BASE, TrainingFingerprint.of(manifest(m -> m), "reach_2x_1h", config(Map.of()), 4, "1.0"));
    }

    @Test
    void everySettingThatShapesTheModelChangesIt() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("tuning.trials", "41");
        changes.put("tuning.parallelism", "3");
        changes.put("tuning.threads-per-trial", "2");
        changes.put("tuning.startup-trials", "11");
        changes.put("tuning.max-iterations", "999");
        changes.put("tuning.early-stopping-rounds", "49");
        changes.put("tuning.scale-pos-weight", "3.5");
        changes.put("tuning.mode", "data-parallel");
        changes.put("tuning.warm-start", "false");
        changes.put("tuning.multivariate", "false");
        changes.put("tuning.trial-retries", "2");
        changes.put("tuning.space.num-leaves.high", "254");
        changes.put("tuning.pruner.type", "successive-halving");
        changes.put("tuning.pruner.min-resource", "20");
        changes.put("tuning.pruner.min-validation-positives", "999");
        changes.put("tuning.early-stopping-shrinkage", "0.4");
        changes.put("split.validation-fraction", "0.25");
        changes.put("split.calibration-fraction", "0.1");
        changes.put("export.precision", "float32");
        changes.put("export.parity-rows", "2001");
        changes.put("export.margin-tolerance", "1e-5");
        changes.put("run.seed", "8");
        changes.put("tuning.peak-label.models", "[reach_2x_1h]");
        changes.put("tuning.peak-label.temperature", "0.5");
        changes.forEach((k, v) -> assertNotEquals(BASE, with(k, v), k + " = " + v + " must change the fingerprint"));
    }

    @Test
    void theDatasetTheTargetAndTheCodeChangeIt() {
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put("input signature", TrainingFingerprint.of(manifest(m -> m.replace("sig-abc", "sig-abd")), "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("content", TrainingFingerprint.of(manifest(m -> m.replace("rows-1000-ff00", "rows-1000-ff01")), "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("table version", TrainingFingerprint.of(manifest(m -> m.replace("\"table_version\" : 3", "\"table_version\" : 4")),
                "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("feature order", TrainingFingerprint.of(manifest(m -> m.replace("\"alpha_score\", \"is_bot\"", "\"is_bot\", \"alpha_score\"")),
                "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("registry", TrainingFingerprint.of(manifest(m -> m.replace("\"registry_version\" : \"signal_v1\"",
                "\"registry_version\" : \"signal_v2\"")), "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("kind", TrainingFingerprint.of(manifest(m -> m.replace("\"dataset\" : \"signal\"", "\"dataset\" : \"genesis\"")),
                "reach_2x_1h", CONFIG, 4, "1.0"));
        changed.put("target", TrainingFingerprint.of(MANIFEST, "reach_3x_30m", CONFIG, 4, "1.0"));
        changed.put("code version", TrainingFingerprint.of(MANIFEST, "reach_2x_1h", CONFIG, 4, "1.1"));
        changed.put("task slots, parallelism 0", TrainingFingerprint.of(MANIFEST, "reach_2x_1h", CONFIG, 8, "1.0"));
        changed.forEach((what, fp) -> assertNotEquals(BASE, fp, what + " must change the fingerprint"));
        assertEquals(changed.size(), changed.values().stream().distinct().count(), "each change gives its own fingerprint");
    }

    @Test
    void whereThingsAreWrittenAndHowManyTargetsTrainAtOnceDoNotChangeIt() {
        Map<String, String> irrelevant = new LinkedHashMap<>();
        irrelevant.put("tuning.concurrent-targets", "5");
        irrelevant.put("tuning.trial-history", "/elsewhere/trials");
        irrelevant.put("export.output", "/elsewhere/models");
        irrelevant.put("publish.root", "/elsewhere/published");
        irrelevant.put("run.id", "another-run");
        irrelevant.put("spark.shuffle-partitions", "7");
        irrelevant.forEach((k, v) -> assertEquals(BASE, with(k, v), k + " = " + v + " must not change the fingerprint"));
        AlphaLeakConfig fixedParallelism = config(Map.of("tuning.parallelism", "2"));
        assertEquals(TrainingFingerprint.of(MANIFEST, "reach_2x_1h", fixedParallelism, 4, "1.0"),
                TrainingFingerprint.of(MANIFEST, "reach_2x_1h", fixedParallelism, 16, "1.0"),
                "with a fixed parallelism the cluster's slot count does not matter");
    }

    @Test
    void everyTuningSettingNotDeclaredIrrelevantIsInTheHashedText() {
        // Read by reflection: a setting added to the tuning section later is in the fingerprint by default.
        String text = TrainingFingerprint.canonical(MANIFEST, "reach_2x_1h", CONFIG, 4, "1.0");
        for (RecordComponent c : AlphaLeakConfig.Tuning.class.getRecordComponents()) {
            boolean in = text.contains("\ntuning." + c.getName() + "=");
            assertEquals(!TrainingFingerprint.TUNING_IGNORED.contains(c.getName()) || c.getName().equals("parallelism"), in,
                    c.getName() + ":\n" + text);
        }
    }
}
