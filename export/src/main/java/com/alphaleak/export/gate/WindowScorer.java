package com.alphaleak.export.gate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.training.calibration.CalibrationMetrics;
import com.alphaleak.training.data.DenseMatrix;

import java.util.Map;

/**
 * Scores an exported ONNX model on a window of rows (the newest validation slice) with ONNX
 * Runtime, as hosts score it, for the champion gate: the PR-AUC and expected calibration error (10
 * fixed bins) of its calibrated probability. One thread, so two models with the same trees score
 * bit for bit the same.
 */
public final class WindowScorer {
    private WindowScorer() {}

    /** One model's measures on the window. */
    public record Metrics(double prAuc, double ece) {}

    /** PR-AUC and ECE of an ONNX model's calibrated probability on the window. */
    public static Metrics metrics(byte[] onnx, String precision, DenseMatrix window) {
        double[] p = calibrated(onnx, precision, window);
        return new Metrics(AveragePrecision.of(p, window.labels()), CalibrationMetrics.of(p, window.labels()).ece());
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
