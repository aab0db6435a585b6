package com.alphaleak.publish;

import com.alphaleak.model.ModelSidecar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Measures the candidate and the current champion on the same rows, the newest validation window,
 * for the champion gate: both ONNX files are scored as hosts score them, and each gets the PR-AUC
 * and expected calibration error (10 fixed bins) of its calibrated probability.
 * When the champion expects other features (a registry change), it cannot be scored on these
 * rows: the result is empty and the publisher falls back to the two sidecars' own metrics.
 *
 * <p>This class decides what is compared (the champion named by the target's pointer, read from
 * the store); the {@link Window} scores a model. The caller supplies the window (jobs wires
 * export's ONNX Runtime scorer on the validation matrix), so publishing needs neither ONNX Runtime
 * nor the training code, and export does not depend on publishing.
 */
public final class ChampionWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ChampionWindow.class);

    private ChampionWindow() {}

    /** The rows both models are measured on. */
    public interface Window {
        /** Rows in the window. */
        int rows();

        /** PR-AUC and ECE (10 fixed bins) of the model's calibrated probability on the window. */
        ChampionGate.Metrics metrics(byte[] onnx, ModelSidecar sidecar);
    }

    public static Optional<ChampionGate.GateInput> evaluate(ModelStore store, ModelSidecar candidate, byte[] candidateOnnx,
                                                            Window window, String windowDescription) throws IOException {
        String stem = candidate.stem();
        ChampionGate.Metrics cand = window.metrics(candidateOnnx, candidate);
        Optional<Pointer> current = store.current(stem);
        if (current.isEmpty()) {
            return Optional.of(ChampionGate.GateInput.noChampion(cand.prAuc(), cand.ece(), window.rows(), windowDescription));
        }
        String championId = current.get().modelId();
        if (championId.equals(candidate.modelId())) {
            return Optional.of(ChampionGate.GateInput.of(cand.prAuc(), cand.ece(), championId, cand.prAuc(), cand.ece(),
                    window.rows(), windowDescription));
        }
        ModelSidecar champion = store.sidecar(stem, championId);
        if (!champion.featureNames().equals(candidate.featureNames())) {
            LOG.warn("{}: champion {} takes other features ({} vs {}); the gate compares sidecar metrics instead", stem,
                    championId, champion.featureNames().size(), candidate.featureNames().size());
            return Optional.empty();
        }
        byte[] championOnnx = store.storage().read(ModelStore.versionKey(stem, championId, ModelStore.onnxName(stem)))
                .orElseThrow(() -> new IOException("champion " + championId + " has no ONNX file"));
        ChampionGate.Metrics champ = window.metrics(championOnnx, champion);
        LOG.info("{} on {} ({} rows): candidate PR-AUC {} ECE {}; champion {} PR-AUC {} ECE {}", stem, windowDescription,
                window.rows(), cand.prAuc(), cand.ece(), championId, champ.prAuc(), champ.ece());
        return Optional.of(ChampionGate.GateInput.of(cand.prAuc(), cand.ece(), championId, champ.prAuc(), champ.ece(),
                window.rows(), windowDescription));
    }
}
