package com.alphaleak.export.gate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ChampionGate;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.Pointer;
import com.alphaleak.training.calibration.CalibrationMetrics;
import com.alphaleak.training.data.DenseMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the candidate and the current champion on the same rows, the newest validation window,
 * for the champion gate: both ONNX files are scored by ONNX Runtime as hosts score them, and each
 * gets the PR-AUC and expected calibration error (10 fixed bins) of its calibrated probability.
 * When the champion expects other features (a registry change), it cannot be scored on these
 * rows: the result is empty and the publisher falls back to the two sidecars' own metrics.
 */
public final class ChampionWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ChampionWindow.class);

    private ChampionWindow() {}

    public static Optional<ChampionGate.GateInput> evaluate(ModelStore store, ModelSidecar candidate, byte[] candidateOnnx,
                                                            DenseMatrix window, String windowDescription) throws IOException {
        String stem = candidate.stem();
        ChampionGate.Metrics cand = metrics(candidateOnnx, candidate.input().precision(), window);
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
        ChampionGate.Metrics champ = metrics(championOnnx, champion.input().precision(), window);
        LOG.info("{} on {} ({} rows): candidate PR-AUC {} ECE {}; champion {} PR-AUC {} ECE {}", stem, windowDescription,
                window.rows(), cand.prAuc(), cand.ece(), championId, champ.prAuc(), champ.ece());
        return Optional.of(ChampionGate.GateInput.of(cand.prAuc(), cand.ece(), championId, champ.prAuc(), champ.ece(),
                window.rows(), windowDescription));
    }

    /** PR-AUC and ECE of an ONNX model's calibrated probability on the window. */
    public static ChampionGate.Metrics metrics(byte[] onnx, String precision, DenseMatrix window) {
        double[] p = calibrated(onnx, precision, window);
        return new ChampionGate.Metrics(AveragePrecision.of(p, window.labels()), CalibrationMetrics.of(p, window.labels()).ece());
    }

    static double[] calibrated(byte[] onnx, String precision, DenseMatrix m) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            Object input;
            if ("float32".equals(precision)) {
                float[][] x = new float[m.rows()][m.cols()];
                for (int i = 0; i < m.rows(); i++) for (int j = 0; j < m.cols(); j++) x[i][j] = (float) m.get(i, j);
                input = x;
            } else {
                double[][] x = new double[m.rows()][];
                for (int i = 0; i < m.rows(); i++) x[i] = m.row(i);
                input = x;
            }
            try (OrtSession s = env.createSession(onnx, opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, input);
                 OrtSession.Result r = s.run(Map.of(OnnxTreeEnsembleWriter.INPUT, x))) {
                Object v = r.get(OnnxTreeEnsembleWriter.CALIBRATED).orElseThrow().getValue();
                double[] out = new double[m.rows()];
                if (v instanceof float[][] f) for (int i = 0; i < out.length; i++) out[i] = f[i][0];
                else for (int i = 0; i < out.length; i++) out[i] = ((double[][]) v)[i][0];
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not score a model for the champion gate: " + e.getMessage(), e);
        }
    }
}
