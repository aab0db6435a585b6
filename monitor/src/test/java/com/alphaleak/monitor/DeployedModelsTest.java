package com.alphaleak.monitor;

import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ModelPublisher;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployedModelsTest {
    @TempDir
    Path dir;

    private static ModelSidecar sidecar(String modelId, double prAuc) {
        return new ModelSidecar(ModelSidecar.SCHEMA_VERSION, modelId, "reach_2x_1h", ModelSidecar.KIND_STANDARD, "signal_v1",
                "signal_v1", List.of("f0"), null, List.of("margin", "probability", "calibrated_probability"), null,
                new ModelSidecar.Metrics(prAuc, 0.8, prAuc, 0.8, 0.05, prAuc, null), null, List.of(), null, null, "test",
                "2026-01-01T00:00:00Z", "test");
    }

    @Test
    void theDeployedVersionIsTheOneCurrentJsonNamesNotTheNewestStoredOne() throws Exception {
        String root = dir.resolve("published").toString();
        assertEquals(ModelPublisher.Status.PROMOTED, PublishedTestModels.publish(root, sidecar("reach_2x_1h-r1-a", 0.40)).status());
        // not forced: without calibration metrics the champion gate refuses it, so it is stored, not deployed
        ModelPublisher.Result worse = PublishedTestModels.publish(root, sidecar("reach_2x_1h-r2-b", 0.10), false);
        assertEquals(ModelPublisher.Status.STORED_NOT_PROMOTED, worse.status(), worse.reason());

        DeployedModels d = DeployedModels.read(root, new Configuration());
        assertEquals(Map.of("reach_2x_1h", "reach_2x_1h-r1-a"), d.current());
        assertEquals(Set.of("reach_2x_1h-r1-a", "reach_2x_1h-r2-b"), d.sidecars().keySet(),
                "live rows scored by an earlier version still find its sidecar");
        assertTrue(d.deployed("reach_2x_1h-r1-a"));
        assertFalse(d.deployed("reach_2x_1h-r2-b"));
    }

    @Test
    void anEmptyOrMissingStoreHasNoDeployedModel() {
        assertTrue(DeployedModels.read(dir.resolve("nothing-here").toString(), new Configuration()).isEmpty());
    }
}
