package com.alphaleak.monitor;

import com.alphaleak.model.ArtifactFile;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ModelPublisher;
import com.alphaleak.publish.ModelStore;
import org.apache.hadoop.conf.Configuration;

import java.nio.charset.StandardCharsets;

/** Publishes a test sidecar to a model store, as a run would (the monitor never scores the ONNX bytes). */
final class PublishedTestModels {
    private PublishedTestModels() {}

    /** Published and promoted (forced: the monitor's test sidecars carry no calibration metrics for the gate). */
    static ModelPublisher.Result publish(String storeRoot, ModelSidecar sidecar) throws Exception {
        return publish(storeRoot, sidecar, true);
    }

    static ModelPublisher.Result publish(String storeRoot, ModelSidecar sidecar, boolean force) throws Exception {
        byte[] onnx = ("placeholder model " + sidecar.modelId()).getBytes(StandardCharsets.UTF_8);
        ModelSidecar withOnnx = new ModelSidecar(sidecar.schemaVersion(), sidecar.modelId(), sidecar.target(), sidecar.modelKind(),
                sidecar.dataset(), sidecar.registryVersion(), sidecar.featureNames(), sidecar.input(), sidecar.outputs(),
                sidecar.calibration(), sidecar.metrics(), sidecar.training(), sidecar.featureDistributions(), sidecar.parity(),
                new ModelSidecar.Onnx(sidecar.stem() + ".onnx", ArtifactFile.sha256(onnx), onnx.length), sidecar.runId(),
                sidecar.createdAt(), sidecar.codeVersion());
        try (ModelStore store = ModelStore.open(storeRoot, new Configuration())) {
            return ModelPublisher.to(store).onnx(onnx).sidecar(withOnnx).force(force, "test fixture").execute();
        }
    }
}
