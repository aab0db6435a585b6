package com.alphaleak.export.parity;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.lightgbm.LightGbmException;
import com.alphaleak.training.lightgbm.NativeBooster;

import java.util.Map;

/**
 * The export gate: scores the same rows with LightGBM itself (lightgbmlib, one thread) and with
 * the ONNX model in ONNX Runtime ({@code intraOpNumThreads = 1}, so trees are summed in model
 * order), and compares every output against LightGBM: {@code margin} against LightGBM's raw score,
 * {@code probability} against LightGBM's own probability ({@code predict} without raw_score, so a
 * probability formula the converter gets wrong, as it once did for {@code boosting=rf}, cannot
 * pass), and {@code calibrated_probability} against the Platt formula applied to LightGBM's raw
 * score. A row counts as differing when any of the three is beyond its tolerance.
 *
 * <p>float64 models are fed the rows as they are. float32 models are fed the rows rounded to
 * float, and LightGBM scores the same rounded values, which is what a host feeding floats gets;
 * the remaining difference is float rounding of the leaf sum, so float32 adds a relative
 * tolerance of 1e-5 to the configured one.
 *
 * <p>Probability tolerances follow from the margin tolerance: a sigmoid's slope is at most a
 * quarter of its scale, so a margin within {@code tol} moves {@code sigmoid(k * margin)} by at most
 * {@code |k| / 4 * tol} (and {@code sigmoid(a * margin + b)} by {@code |a| / 4 * tol}). On top
 * comes the rounding of the output itself: {@value #FLOAT64_OUTPUT_TOLERANCE} for float64 (ONNX
 * Runtime's and LightGBM's sigmoids differ in the last bits, measured below 1e-15) and
 * {@value #FLOAT32_OUTPUT_TOLERANCE} for float32 (outputs rounded to float, about 6e-8).
 */
public final class NativeParityGate {
    public static final double FLOAT32_RELATIVE_TOLERANCE = 1e-5;
    public static final double FLOAT64_OUTPUT_TOLERANCE = 1e-12;
    public static final double FLOAT32_OUTPUT_TOLERANCE = 1e-6;

    private NativeParityGate() {}

    /**
     * @param sigmoidScale the objective's k (bounds how far an accepted margin difference moves the probability)
     * @throws com.alphaleak.export.lightgbm.UnsupportedModelException when LightGBM itself cannot load the text
     */
    public static ParityResult check(String lightGbmModel, byte[] onnx, Precision precision, double[][] rows, int edgeRows,
                                     double marginTolerance, double sigmoidScale, PlattParameters platt) {
        int n = rows.length;
        if (n == 0) throw new IllegalArgumentException("the parity gate needs at least one row");
        int f = rows[0].length;
        double[] flat = new double[n * f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) flat[i * f + j] = precision == Precision.FLOAT32 ? (float) rows[i][j] : rows[i][j];
        }
        double[] nativeMargins;
        double[] nativeProbabilities;
        try (NativeBooster booster = NativeBooster.fromModelString(lightGbmModel)) {
            nativeMargins = booster.predictMargins(flat, n, f, 0, 1);
            nativeProbabilities = booster.predictProbabilities(flat, n, f, 0, 1);
        } catch (LightGbmException e) {
            throw new com.alphaleak.export.lightgbm.UnsupportedModelException("LightGBM itself cannot load the model: " + e.getMessage());
        }
        double outputTolerance = precision == Precision.FLOAT32 ? FLOAT32_OUTPUT_TOLERANCE : FLOAT64_OUTPUT_TOLERANCE;
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
                    double tol = marginTolerance
                            + (precision == Precision.FLOAT32 ? FLOAT32_RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected)) : 0);
                    double expectedCal = platt.apply(expected);
                    double dMargin = Math.abs(expected - margin[i]);
                    double dProb = Math.abs(nativeProbabilities[i] - prob[i]);
                    double dCal = Math.abs(expectedCal - cal[i]);
                    boolean marginOk = dMargin <= tol || Double.compare(expected, margin[i]) == 0;
                    boolean probOk = dProb <= outputTolerance + Math.abs(sigmoidScale) / 4 * tol
                            || Double.compare(nativeProbabilities[i], prob[i]) == 0;
                    boolean calOk = dCal <= outputTolerance + Math.abs(platt.a()) / 4 * tol || Double.compare(expectedCal, cal[i]) == 0;
                    if (!(marginOk && probOk && calOk)) differing++;
                    maxMargin = Math.max(maxMargin, dMargin);
                    maxProb = Math.max(maxProb, dProb);
                    maxCal = Math.max(maxCal, dCal);
                }
                return new ParityResult(n, edgeRows, maxMargin, maxProb, maxCal, differing, marginTolerance,
                        "LightGBM native (lightgbmlib): raw score, probability, Platt on the raw score; 1 thread", ortVersion(env));
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
