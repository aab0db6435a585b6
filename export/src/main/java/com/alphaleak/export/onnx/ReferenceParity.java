package com.alphaleak.export.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.lightgbm.LightGbmModel;

import java.util.Map;

/**
 * Scores rows with ONNX Runtime (one intra-op thread, so trees are summed in model order) and
 * with the reference evaluator that follows LightGBM's decision code, and compares the margins.
 * Float64 models must agree bit for bit; float32 models to float rounding of the margin.
 */
public final class ReferenceParity {
    private ReferenceParity() {}

    /** @param differingRows rows whose margin differs by more than the tolerance */
    public record Report(int rows, double maxMarginDiff, double maxProbabilityDiff, int differingRows, double tolerance) {
        public boolean passed() {
            return differingRows == 0;
        }
    }

    public static Report check(LightGbmModel model, byte[] onnx, Precision precision, double[][] rows) {
        double tolerance = precision == Precision.FLOAT64 ? 0.0 : 1e-6;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            Object input = rows;
            if (precision == Precision.FLOAT32) {
                float[][] f = new float[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    f[i] = new float[rows[i].length];
                    for (int j = 0; j < f[i].length; j++) f[i][j] = (float) rows[i][j];
                }
                input = f;
            }
            try (OrtSession s = env.createSession(onnx, opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, input);
                 OrtSession.Result r = s.run(Map.of(OnnxTreeEnsembleWriter.INPUT, x))) {
                double[] margin = column(r.get(OnnxTreeEnsembleWriter.MARGIN).orElseThrow().getValue());
                double[] prob = column(r.get(OnnxTreeEnsembleWriter.PROBABILITY).orElseThrow().getValue());
                double maxMargin = 0;
                double maxProb = 0;
                int differing = 0;
                for (int i = 0; i < rows.length; i++) {
                    double[] row = rows[i];
                    if (precision == Precision.FLOAT32) {
                        row = new double[rows[i].length];
                        for (int j = 0; j < row.length; j++) row[j] = (float) rows[i][j];
                    }
                    double expected = model.predictMargin(row);
                    double d = Math.abs(expected - margin[i]);
                    double tol = precision == Precision.FLOAT64 ? 0.0 : tolerance * Math.max(1, Math.abs(expected));
                    if (!(d <= tol) && !(expected == margin[i])) differing++;
                    maxMargin = Math.max(maxMargin, d);
                    maxProb = Math.max(maxProb, Math.abs(model.predictProbability(row) - prob[i]));
                }
                return new Report(rows.length, maxMargin, maxProb, differing, tolerance);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not score the converted model: " + e.getMessage(), e);
        }
    }

    private static double[] column(Object value) {
        if (value instanceof float[][] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i][0];
            return d;
        }
        double[][] v = (double[][]) value;
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i][0];
        return d;
    }
}
