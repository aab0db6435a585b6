package com.alphaleak.export.onnx;

import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.lightgbm.LightGbmModelParserTest;
import com.alphaleak.export.lightgbm.LightGbmTree;
import com.alphaleak.export.lightgbm.RandomModels;
import com.alphaleak.export.parity.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of model the converter writes passes the ONNX reference checker,
 * {@code onnx.checker.check_model(model, full_check=True)} (structure plus strict shape and type
 * inference), so hosts other than ONNX Runtime can load it. The checker runs in a virtualenv that
 * {@code bin/onnx-checker-venv} creates offline from the onnx wheel on disk and caches under
 * target/. If the wheel is not found the test fails with the script's message: CI machines use
 * the same image, so a missing wheel is a broken environment, not a reason to skip.
 */
class OnnxCheckerTest {
    private static final Path VENV = Path.of("target", "onnx-checker-venv");

    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {}

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path errFile = Files.createTempFile("onnx-checker", ".err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
        }
        String err = Files.readString(errFile);
        Files.delete(errFile);
        return new Run(p.exitValue(), out, err);
    }

    /** The venv's python; fails the test with the script's explanation when it cannot be created. */
    private static String python() throws Exception {
        Run r = run(Map.of(), "bash", "bin/onnx-checker-venv", VENV.toString());
        assertEquals(0, r.exit(), "bin/onnx-checker-venv could not provide the ONNX checker:\n" + r.stderr());
        return r.stdout().strip();
    }

    private static Map<String, byte[]> bothPrecisions(String name, LightGbmModel model, Map<String, String> metadata) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            out.put(name + "_" + p.name().toLowerCase(), OnnxTreeEnsembleWriter.of(model).precision(p).platt(0.9, -0.3)
                    .metadata(metadata).toBytes());
        }
        return out;
    }

    @Test
    void everyKindOfExportedModelPassesTheOnnxFullCheck() throws Exception {
        String python = python();
        Map<String, byte[]> models = new LinkedHashMap<>();
        // Random models: every missing type, categorical bitsets of one and two words, single-leaf trees.
        for (long seed : new long[]{0, 1, 2}) {
            LightGbmModel m = LightGbmModelParser.parse(new RandomModels(seed, 6, 25).text);
            assertTrue(m.trees().stream().anyMatch(t -> t.numLeaves() == 1), "seed " + seed + " has a single-leaf tree");
            assertTrue(m.trees().stream().anyMatch(t -> java.util.Arrays.stream(t.decisionType()).anyMatch(LightGbmTree::isCategorical)),
                    "seed " + seed + " has categorical splits");
            models.putAll(bothPrecisions("random_" + seed, m, Map.of()));
        }
        // boosting=rf: the probability divides by the tree count (an extra Div node).
        models.putAll(bothPrecisions("random_forest", LightGbmModelParser.parse(LightGbmModelParserTest.RANDOM_FOREST), Map.of()));
        // Only single-leaf trees (LightGBM writes them when no split gains enough).
        String constant = "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nmax_feature_idx=1\nobjective=binary sigmoid:1\n\n"
                + "Tree=0\nnum_leaves=1\nnum_cat=0\nleaf_value=-0.25\nshrinkage=1\n\n"
                + "Tree=1\nnum_leaves=1\nnum_cat=0\nleaf_value=0.125\nshrinkage=1\n\nend of trees\n";
        models.putAll(bothPrecisions("single_leaves", LightGbmModelParser.parse(constant), Map.of()));
        // A model LightGBM trained (zero_as_missing: the zero-to-NaN preprocessing), with the pipeline's provenance.
        String trained = TrainedModels.train(2, 3000, 6, "num_leaves=15 zero_as_missing=true", 30).text();
        models.putAll(bothPrecisions("trained", LightGbmModelParser.parse(trained), Map.of("model_id", "signal_reach_2x_1h-test",
                "target", "reach_2x_1h", "feature_names_json", "[\"f_0\",\"f_1\",\"f_2\",\"f_3\",\"f_4\",\"f_5\"]")));

        List<String> command = new ArrayList<>(List.of(python, "bin/onnx-check.py"));
        for (Map.Entry<String, byte[]> e : models.entrySet()) {
            command.add(Files.write(dir.resolve(e.getKey() + ".onnx"), e.getValue()).toString());
        }
        Run r = run(Map.of(), command.toArray(String[]::new));
        assertEquals(0, r.exit(), "onnx.checker refused exported models:\n" + r.stdout() + r.stderr());
        for (String name : models.keySet()) {
            assertTrue(r.stdout().contains("ok " + dir.resolve(name + ".onnx")), name + " was checked:\n" + r.stdout());
        }
        assertEquals(12, models.size());
    }

    @Test
    void theCheckerReportsABrokenModel() throws Exception {
        // The harness must be able to fail: a model cut in half is reported, with a non-zero exit.
        String python = python();
        byte[] onnx = OnnxTreeEnsembleWriter.of(LightGbmModelParser.parse(new RandomModels(1, 3, 4).text)).toBytes();
        Path half = Files.write(dir.resolve("half.onnx"), java.util.Arrays.copyOf(onnx, onnx.length / 2));
        Run r = run(Map.of(), python, "bin/onnx-check.py", half.toString());
        assertEquals(1, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("FAILED " + half), r.stdout());
    }

    @Test
    void withoutTheWheelTheScriptFailsWithAClearMessage() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no_wheels"));
        Run r = run(Map.of("ONNX_WHEEL_DIR", empty.toString()), "bash", "bin/onnx-checker-venv", dir.resolve("venv").toString());
        assertEquals(3, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("no onnx-1.23*.whl found") && r.stderr().contains("ONNX_WHEEL_DIR=" + empty), r.stderr());
    }
}
