package com.alphaleak.export;

import com.alphaleak.export.sidecar.ModelNames;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.model.ArtifactFile;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model directories written through {@link ModelDirectory} on the local Hadoop file system. */
class FinishedModelsTest {
    private static final String FP = "a".repeat(64);
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path root;

    /** A complete model directory of {@code target} (signal), trained in {@code runId} under {@code fingerprint}. */
    private ModelArtifact export(String target, String runId, String fingerprint, String modelSha) {
        String id = ModelNames.modelId(DatasetKind.SIGNAL, target, runId, modelSha);
        byte[] onnx = ("onnx of " + id).getBytes(StandardCharsets.UTF_8);
        String sidecar = """
                {"schema_version": 1, "model_id": "%s", "target": "%s", "model_kind": "standard", "run_id": "%s",
                 "created_at": "2026-01-01T00:00:00Z", "training": {"fingerprint": %s, "trials": 4},
                 "onnx": {"file": "%s.onnx", "sha256": "%s", "bytes": %d}}""".formatted(id, target, runId,
                fingerprint == null ? "null" : "\"" + fingerprint + "\"", target, ArtifactFile.sha256(onnx), onnx.length);
        return ModelDirectory.write(ModelDirectory.path(root.toString(), target, id), onnx, sidecar.getBytes(StandardCharsets.UTF_8),
                "tree".getBytes(StandardCharsets.UTF_8), Map.of(), HADOOP).artifact();
    }

    private Optional<ModelArtifact> find(String target, String runId, String fingerprint) {
        return FinishedModels.find(HADOOP, root.toString(), DatasetKind.SIGNAL, target, runId, fingerprint);
    }

    @Test
    void findsTheCompleteModelOfTheSameRunAndFingerprintWithItsBytes() {
        ModelArtifact done = export("reach_2x_1h", "run-1", FP, "1".repeat(64));
        export("reach_2x_1h", "run-1", "b".repeat(64), "2".repeat(64)); // same run, other settings
        export("reach_3x_30m", "run-1", FP, "3".repeat(64));              // another target
        ModelArtifact found = find("reach_2x_1h", "run-1", FP).orElseThrow();
        assertEquals(done.modelId(), found.modelId());
        assertArrayEquals(done.onnx().bytes(), found.onnx().bytes());
        assertEquals(FP, found.sidecar().training().fingerprint());
    }

    @Test
    void anotherRunIdOrAnotherFingerprintOrASidecarWithoutOneIsNeverReused() {
        export("reach_2x_1h", "run-1", FP, "1".repeat(64));
        export("reach_2x_1h", "run-0", null, "4".repeat(64));
        assertTrue(find("reach_2x_1h", "run-2", FP).isEmpty(), "a new run id is a new retrain");
        assertTrue(find("reach_2x_1h", "run-1", "c".repeat(64)).isEmpty(), "other settings or data: train again");
        assertTrue(find("reach_2x_1h", "run-0", FP).isEmpty(), "a sidecar written before fingerprints existed");
        assertTrue(find("reach_2x_10m", "run-1", FP).isEmpty(), "no directory for the target at all");
        // A run id that is a prefix of another's does not pick up the longer one's models.
        assertTrue(find("reach_2x_1h", "run", FP).isEmpty());
    }

    @Test
    void anIncompleteOrDamagedDirectoryIsNotFinished() throws Exception {
        ModelArtifact crashed = export("reach_2x_1h", "run-1", FP, "1".repeat(64));
        Path dir = Path.of(java.net.URI.create(crashed.directory()));
        Files.delete(dir.resolve(ModelSidecar.fileName("reach_2x_1h")));
        assertTrue(find("reach_2x_1h", "run-1", FP).isEmpty(), "no sidecar: the writer died before the end");

        ModelArtifact damaged = export("reach_3x_30m", "run-1", FP, "3".repeat(64));
        Files.write(Path.of(java.net.URI.create(damaged.onnx().path())), new byte[] {1, 2, 3});
        assertTrue(find("reach_3x_30m", "run-1", FP).isEmpty(), "ONNX bytes no longer match the sidecar");
    }
}
