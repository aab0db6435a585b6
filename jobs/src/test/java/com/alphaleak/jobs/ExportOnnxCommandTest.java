package com.alphaleak.jobs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export-onnx on model files, as an operator runs it outside the pipeline. */
class ExportOnnxCommandTest {
    private static final String MODEL = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=2
            objective=binary sigmoid:1
            feature_names=alpha_score is_bot lifecycle_state

            Tree=0
            num_leaves=4
            num_cat=1
            split_feature=0 1 2
            threshold=50.000000000000007 1.0000000180025095e-35 0
            decision_type=10 6 9
            left_child=1 -1 -3
            right_child=2 -2 -4
            leaf_value=-0.5 0.25 1.5 -1
            cat_boundaries=0 1
            cat_threshold=10
            is_linear=0
            shrinkage=0.1

            Tree=1
            num_leaves=2
            num_cat=0
            split_feature=0
            threshold=20
            decision_type=2
            left_child=-1
            right_child=-2
            leaf_value=0.125 -0.0625
            is_linear=0
            shrinkage=0.1

            end of trees
            """;

    @TempDir
    Path dir;

    @Test
    void convertsAModelFileAfterCheckingParityAndTheResultScoresLikeLightGbm() throws Exception {
        Path model = Files.writeString(dir.resolve("reach_2x_1h.txt"), MODEL);
        Path out = dir.resolve("reach_2x_1h.onnx");
        assertEquals(ExitCodes.OK, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString(),
                "--platt-a", "0.8", "--platt-b", "-0.1", "--parity-rows", "2000"));
        LightGbmModel m = LightGbmModelParser.parse(MODEL);
        double[][] rows = {{10, 0, 3}, {Double.NaN, 1e-3, Double.NaN}, {60, -0.0, 1.5}};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(out.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, rows);
             OrtSession.Result r = s.run(Map.of("features", x))) {
            double[][] margin = (double[][]) r.get("margin").orElseThrow().getValue();
            double[][] calibrated = (double[][]) r.get("calibrated_probability").orElseThrow().getValue();
            for (int i = 0; i < rows.length; i++) {
                assertTrue(m.predictMargin(rows[i]) == margin[i][0], "row " + i);
                assertEquals(1 / (1 + Math.exp(-(0.8 * margin[i][0] - 0.1))), calibrated[i][0], 1e-15);
            }
            assertEquals(64, s.getMetadata().getCustomMetadata().get("source_model_sha256").length());
        }
    }

    @Test
    void unsupportedModelsExitWithBadInputAndWriteNothing() throws Exception {
        Path model = Files.writeString(dir.resolve("multi.txt"), MODEL.replace("num_class=1", "num_class=3"));
        Path out = dir.resolve("multi.onnx");
        assertEquals(ExitCodes.BAD_INPUT, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void float32ExportPassesItsParityCheck() throws Exception {
        Path model = Files.writeString(dir.resolve("m.txt"), MODEL);
        Path out = dir.resolve("m32.onnx");
        assertEquals(ExitCodes.OK, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString(),
                "--precision", "float32"));
        assertTrue(Files.size(out) > 0);
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString(),
                "--precision", "float16"));
    }
}
