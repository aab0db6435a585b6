package com.alphaleak.jobs;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.export.gate.WindowScorer;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ChampionGate;
import com.alphaleak.publish.ChampionWindow;
import com.alphaleak.publish.ModelPublisher;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.training.data.DenseMatrix;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires the champion-window evaluation and the publisher for one exported model. The model travels
 * as the {@link ModelArtifact} export returned (bytes in memory), so the export location's scheme
 * ({@code file:} or {@code s3a:}) does not matter here.
 */
final class PublishStep {
    private PublishStep() {}

    /**
     * @param window the validation rows the gate measures candidate and champion on; not asked for
     *               when the candidate is already the current model (a restart publishing a model it
     *               published before: the publisher then changes nothing)
     */
    static ModelPublisher.Result publish(AlphaLeakConfig config, Configuration hadoop, ModelArtifact artifact,
                                         Supplier<DenseMatrix> window, String windowDescription, boolean force) {
        try (ModelStore store = ModelStore.open(config.publish().root(), hadoop)) {
            boolean alreadyCurrent = store.current(artifact.stem()).map(p -> p.modelId().equals(artifact.modelId())).orElse(false);
            Optional<ChampionGate.GateInput> evaluation = alreadyCurrent ? Optional.empty()
                    : ChampionWindow.evaluate(store, artifact.sidecar(), artifact.onnx().bytes(), scoredOn(window.get()), windowDescription);
            ModelPublisher.Builder b = ModelPublisher.to(store).artifact(artifact)
                    .tolerances(new ChampionGate.Tolerances(config.publish().prAucTolerance(), config.publish().eceTolerance()))
                    .force(force || config.publish().force(), force ? "--force on the command line" : "publish.force = true");
            evaluation.ifPresent(b::evaluation);
            return b.execute();
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + artifact.modelId() + " to " + config.publish().root() + " failed", e);
        }
    }

    /** The champion gate's window: export's ONNX Runtime scoring of a model on the validation matrix. */
    static ChampionWindow.Window scoredOn(DenseMatrix window) {
        return new ChampionWindow.Window() {
            @Override
            public int rows() {
                return window.rows();
            }

            @Override
            public ChampionGate.Metrics metrics(byte[] onnx, ModelSidecar sidecar) {
                WindowScorer.Metrics m = WindowScorer.metrics(onnx, sidecar.input().precision(), window);
                return new ChampionGate.Metrics(m.prAuc(), m.ece());
            }
        };
    }
}
