package com.alphaleak.export.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.lightgbm.LightGbmModelParserTest;
import com.alphaleak.export.lightgbm.RandomModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxTreeEnsembleWriterTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private static double[][][] score(byte[] onnx, Object input) throws Exception {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1); // more threads change the summation order
            try (OrtSession s = ENV.createSession(onnx, opts);
                 OnnxTensor x = OnnxTensor.createTensor(ENV, input);
                 OrtSession.Result r = s.run(Map.of(OnnxTreeEnsembleWriter.INPUT, x))) {
                double[][][] out = new double[3][][];
                String[] names = {OnnxTreeEnsembleWriter.MARGIN, OnnxTreeEnsembleWriter.PROBABILITY, OnnxTreeEnsembleWriter.CALIBRATED};
                for (int i = 0; i < 3; i++) {
                    Object v = r.get(names[i]).orElseThrow().getValue();
                    if (v instanceof float[][] f) {
                        double[][] d = new double[f.length][1];
                        for (int k = 0; k < f.length; k++) d[k][0] = f[k][0];
                        out[i] = d;
                    } else {
                        out[i] = (double[][]) v;
                    }
                }
                return out;
            }
        }
    }

    @Test
    void float64MarginEqualsTheReferenceEvaluatorBitForBitOnRandomModelsAndEdgeRows() throws Exception {
        int rows = 0;
        for (long seed = 0; seed < 12; seed++) {
            RandomModels m = new RandomModels(seed, 6, 25);
            LightGbmModel model = LightGbmModelParser.parse(m.text);
            double[][] x = m.rows(seed + 100, 1000);
            double[][][] out = score(OnnxTreeEnsembleWriter.of(model).platt(1.3, -0.7).toBytes(), x);
            for (int i = 0; i < x.length; i++) {
                double expected = model.predictMargin(x[i]);
                assertTrue(expected == out[0][i][0], "seed " + seed + " row " + i + ": " + expected + " vs " + out[0][i][0]
                        + " for " + java.util.Arrays.toString(x[i]));
                assertEquals(model.predictProbability(x[i]), out[1][i][0], 1e-15);
                assertEquals(1 / (1 + Math.exp(-(1.3 * expected - 0.7))), out[2][i][0], 1e-15);
            }
            rows += x.length;
        }
        assertEquals(12_000, rows);
    }

    @Test
    void float32InputTakesTheBranchesOfItsWidenedValue() throws Exception {
        for (long seed = 20; seed < 24; seed++) {
            RandomModels m = new RandomModels(seed, 5, 20);
            LightGbmModel model = LightGbmModelParser.parse(m.text);
            double[][] x = m.rows(seed, 1000);
            float[][] xf = new float[x.length][x[0].length];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) xf[i][j] = (float) x[i][j];
            double[][][] out = score(OnnxTreeEnsembleWriter.of(model).precision(Precision.FLOAT32).toBytes(), xf);
            for (int i = 0; i < x.length; i++) {
                double[] widened = new double[xf[i].length];
                for (int j = 0; j < widened.length; j++) widened[j] = xf[i][j];
                assertEquals((float) model.predictMargin(widened), out[0][i][0], 0.0, "seed " + seed + " row " + i);
            }
        }
    }

    @Test
    void randomForestProbabilityIsTheSigmoidOfTheTreesAverage() throws Exception {
        // Two trees of 2 each at x = 0.5: LightGBM says 0.8808 (sigmoid of the average 2), not 0.9820 (of the sum 4).
        LightGbmModel model = LightGbmModelParser.parse(LightGbmModelParserTest.RANDOM_FOREST);
        for (Precision p : Precision.values()) {
            Object input = p == Precision.FLOAT64 ? new double[][]{{0.5}, {0.0}, {1.0}} : new float[][]{{0.5f}, {0.0f}, {1.0f}};
            double[][][] out = score(OnnxTreeEnsembleWriter.of(model).precision(p).platt(0.5, 0.1).toBytes(), input);
            double[] margins = {4.0, 1.0, -1.0}; // sums: 2 + 2, -1 + 2, 2 - 3
            for (int i = 0; i < margins.length; i++) {
                double tol = p == Precision.FLOAT64 ? 1e-15 : 1e-7;
                assertEquals(margins[i], out[0][i][0], 0.0, p + " margin is LightGBM's raw score, the sum");
                assertEquals(1 / (1 + Math.exp(-margins[i] / 2)), out[1][i][0], tol, p + " row " + i);
                assertEquals(1 / (1 + Math.exp(-(0.5 * margins[i] + 0.1))), out[2][i][0], tol, p + " Platt on the raw score");
            }
        }
    }

    @Test
    void provenanceTravelsInsideTheModel() throws Exception {
        LightGbmModel model = LightGbmModelParser.parse(new RandomModels(1, 3, 2).text);
        byte[] onnx = OnnxTreeEnsembleWriter.of(model).platt(2, -1).metadata(Map.of("model_id", "reach_2x_1h-20261124", "target", "reach_2x_1h")).toBytes();
        try (OrtSession s = ENV.createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals("reach_2x_1h-20261124", meta.get("model_id"));
            assertEquals("f0,f1,f2", meta.get("feature_names"));
            assertEquals("2.0", meta.get("platt_a"));
            assertEquals("alphaleak", s.getMetadata().getProducerName());
        }
    }
}
