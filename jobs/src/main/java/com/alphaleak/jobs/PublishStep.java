package com.alphaleak.jobs;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.export.ExportModel;
import com.alphaleak.export.gate.ChampionWindow;
import com.alphaleak.publish.ChampionGate;
import com.alphaleak.publish.ModelPublisher;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.training.data.DenseMatrix;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** Wires the champion-window evaluation and the publisher for one exported model. */
final class PublishStep {
    private PublishStep() {}

    static ModelPublisher.Result publish(AlphaLeakConfig config, Configuration hadoop, ExportModel.Result exported,
                                         DenseMatrix window, String windowDescription, boolean force) {
        try (ModelStore store = ModelStore.open(config.publish().root(), hadoop)) {
            byte[] onnx = java.nio.file.Files.readAllBytes(Path.of(exported.onnxPath()));
            Optional<ChampionGate.GateInput> evaluation = ChampionWindow.evaluate(store, exported.sidecar(), onnx, window,
                    windowDescription);
            ModelPublisher.Builder b = ModelPublisher.to(store).onnx(onnx).sidecarBytes(java.nio.file.Files.readAllBytes(Path.of(exported.sidecarPath())))
                    .tolerances(new ChampionGate.Tolerances(config.publish().prAucTolerance(), config.publish().eceTolerance()))
                    .force(force || config.publish().force(), force ? "--force on the command line" : "publish.force = true");
            evaluation.ifPresent(b::evaluation);
            Path report = Path.of(exported.directory(), com.alphaleak.export.ExportModel.REPORT_DIR);
            if (java.nio.file.Files.isDirectory(report)) b.report(report);
            return b.execute();
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + exported.modelId() + " to " + config.publish().root() + " failed", e);
        }
    }
}
