package com.alphaleak.export.parity;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.lightgbm.NativeBooster;

import java.util.Map;

/**
 * The export gate: scores the same rows with LightGBM itself (lightgbmlib, one thread) and with
 * the ONNX model in ONNX Runtime ({@code intraOpNumThreads = 1}, so trees are summed in model
 * order), and compares margin, probability and calibrated probability.
 *
 * <p>float64 models are fed the rows as they are. float32 models are fed the rows rounded to
 * float, and LightGBM scores the same rounded values, which is what a host feeding floats gets;
 * the remaining difference is float rounding of the leaf sum, so float32 adds a relative
 * tolerance of 1e-5 to the configured one.
 */
public final class NativeParityGate {
    public static final double FLOAT32_RELATIVE_TOLERANCE = 1e-5;

    private NativeParityGate() {}

    public static ParityResult check(String lightGbmModel, byte[] onnx, Precision precision, double[][] rows, int edgeRows,
                                     double marginTolerance, double sigmoidScale, PlattParameters platt) {
        int n = rows.length;
        int f = rows[0].length;
        double[] flat = new double[n * f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) flat[i * f + j] = precision == Precision.FLOAT32 ? (float) rows[i][j] : rows[i][j];
        }
        double[] nativeMargins;
        try (NativeBooster booster = NativeBooster.fromModelString(lightGbmModel)) {
            nativeMargins = booster.predictMargins(flat, n, f, 0, 1);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            Object input;
            if (precision == Precision.FLOAT32) {
                float[][] x = new float[n][f];
                for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) x[i][j] = (float) flat[i * f + j];
                input = x;
            } else {
                double[][] x = new double[n][];
                for (int i = 0; i < n; i++) x[i] = java.util.Arrays.copyOfRange(flat, i * f, (i + 1) * f);
                input = x;
            }
            try (OrtSession s = env.createSession(onnx, opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, input);
                 OrtSession.Result r = s.run(Map.of(OnnxTreeEnsembleWriter.INPUT, x))) {
                double[] margin = column(r.get(OnnxTreeEnsembleWriter.MARGIN).orElseThrow().getValue());
                double[] prob = column(r.get(OnnxTreeEnsembleWriter.PROBABILITY).orElseThrow().getValue());
                double[] cal = column(r.get(OnnxTreeEnsembleWriter.CALIBRATED).orElseThrow().getValue());
                double maxMargin = 0, maxProb = 0, maxCal = 0;
                int differing = 0;
                for (int i = 0; i < n; i++) {
                    double expected = nativeMargins[i];
                    double d = Math.abs(expected - margin[i]);
                    double tol = marginTolerance
                            + (precision == Precision.FLOAT32 ? FLOAT32_RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected)) : 0);
                    if (!(d <= tol) && Double.compare(expected, margin[i]) != 0) differing++;
                    maxMargin = Math.max(maxMargin, d);
                    maxProb = Math.max(maxProb, Math.abs(1 / (1 + Math.exp(-sigmoidScale * expected)) - prob[i]));
                    maxCal = Math.max(maxCal, Math.abs(platt.apply(expected) - cal[i]));
                }
                return new ParityResult(n, edgeRows, maxMargin, maxProb, maxCal, differing, marginTolerance,
                        "LightGBM native (lightgbmlib) raw score, 1 thread", ortVersion(env));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not score the converted model: " + e.getMessage(), e);
        }
    }

    private static String ortVersion(OrtEnvironment env) {
        try {
            return env.getVersion();
        } catch (Throwable t) {
            return "unknown";
        }
    }

    private static double[] column(Object value) {
        if (value instanceof float[][] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) d[i] = v[i][0];
            return d;
        }
        double[][] v = (double[][]) value;
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i][0];
        return d;
    }
}
