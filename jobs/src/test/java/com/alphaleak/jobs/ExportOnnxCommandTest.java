package com.alphaleak.jobs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.ExitCodes;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            feature_infos=[0:100] [0:1] 0:1:2:3

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

    /** boosting=rf: two trees of 2 each at x = 0.5, so LightGBM's probability there is sigmoid(2) = 0.8808. */
    private static final String RANDOM_FOREST = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=0
            objective=binary sigmoid:1
            average_output
            feature_names=x
            feature_infos=[-10:10]

            Tree=0
            num_leaves=2
            num_cat=0
            split_feature=0
            threshold=0.25
            decision_type=2
            left_child=-1
            right_child=-2
            leaf_value=-1 2
            is_linear=0
            shrinkage=1

            Tree=1
            num_leaves=2
            num_cat=0
            split_feature=0
            threshold=0.75
            decision_type=2
            left_child=-1
            right_child=-2
            leaf_value=2 -3
            is_linear=0
            shrinkage=1

            end of trees
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStderr() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(stderr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> filesIn(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** export-onnx on a model file that must be refused: exit 3, a message with each fragment, no file written. */
    private void assertRefusedAsBadInput(String modelText, String... fragments) throws Exception {
        err.reset();
        Path d = Files.createTempDirectory(dir, "case");
        Path model = Files.writeString(d.resolve("bad_model.txt"), modelText);
        Path out = d.resolve("bad_model.onnx");
        assertEquals(ExitCodes.BAD_INPUT, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString(),
                "--parity-rows", "500"), stderr());
        for (String f : fragments) assertTrue(stderr().contains(f), "'" + f + "' not in: " + stderr());
        assertTrue(stderr().contains(model.toString()), "the message names the file: " + stderr());
        assertEquals(List.of("bad_model.txt"), filesIn(d), "nothing written");
    }

    @Test
    void truncatedModelFilesAreRefusedNamingTheFileAndWhatIsMissing() throws Exception {
        assertRefusedAsBadInput(MODEL.substring(0, MODEL.indexOf("Tree=1")), "no 'end of trees' line after 1 trees");
        assertRefusedAsBadInput(MODEL.substring(0, MODEL.indexOf("leaf_value=0.125") + "leaf_value=0.12".length()), "no 'end of trees'");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNodeThatIsItsOwnChildIsRefusedBeforeOnnxRuntimeSeesIt() throws Exception {
        // ONNX Runtime's session creation never returned on this tree (3.2 GB native memory in 75 s).
        assertRefusedAsBadInput(MODEL.replace("left_child=1 -1 -3", "left_child=1 1 -3"), "Tree=0", "left_child", "cycle");
    }

    @Test
    void aChildIndexOutOfRangeIsRefusedBeforeOnnxRuntimeSeesIt() throws Exception {
        // ONNX Runtime aborted the JVM (exit 134, a C++ assertion) on this tree.
        assertRefusedAsBadInput(MODEL.replace("right_child=2 -2 -4", "right_child=2 -2 -7"), "Tree=0", "right_child", "out of range");
    }

    @Test
    void malformedFieldsAreRefusedNamingFileTreeAndField() throws Exception {
        assertRefusedAsBadInput(MODEL.replace("threshold=20", "threshold=2O"), "Tree=1", "threshold", "'2O' is not a number");
        assertRefusedAsBadInput(MODEL.replace("num_cat=1\n", ""), "Tree=0", "num_cat", "missing");
        assertRefusedAsBadInput(MODEL.replace("split_feature=0 1 2", "split_feature=0 1 9"), "Tree=0", "split_feature", "max_feature_idx=2");
        assertRefusedAsBadInput(MODEL.replace("num_leaves=2", "num_leaves=two"), "Tree=1", "num_leaves", "'two'");
        // Our checks pass but LightGBM's own loader refuses: still a clear refusal naming the file.
        assertRefusedAsBadInput(MODEL.replace("feature_infos=[0:100] [0:1] 0:1:2:3\n", ""), "LightGBM itself cannot load the model", "feature_infos");
    }

    @Test
    void aMissingOrDirectoryModelIsRefusedNamingIt() throws Exception {
        Path missing = dir.resolve("no_such_model.txt");
        Path out = dir.resolve("m.onnx");
        assertEquals(ExitCodes.BAD_INPUT, AlphaLeakCli.execute("export-onnx", "--model", missing.toString(), "--out", out.toString()));
        assertTrue(stderr().contains(missing.toString()) && stderr().contains("does not exist"), stderr());
        err.reset();
        Path folder = Files.createDirectory(dir.resolve("a_folder"));
        assertEquals(ExitCodes.BAD_INPUT, AlphaLeakCli.execute("export-onnx", "--model", folder.toString(), "--out", out.toString()));
        assertTrue(stderr().contains(folder.toString()) && stderr().contains("is a directory"), stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void outPointingAtADirectoryIsRefusedAndLeavesNoTemporaryFile() throws Exception {
        Path model = Files.writeString(dir.resolve("m.txt"), MODEL);
        Path target = Files.createDirectory(dir.resolve("models"));
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", target.toString(),
                "--parity-rows", "500"));
        assertTrue(stderr().contains("is a directory"), stderr());
        assertEquals(List.of("m.txt", "models"), filesIn(dir), "no .tmp left behind");
        assertEquals(List.of(), filesIn(target));
        err.reset();
        Path noParent = dir.resolve("missing_dir").resolve("m.onnx");
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", noParent.toString(),
                "--parity-rows", "500"));
        assertTrue(stderr().contains("does not exist"), stderr());
        assertEquals(List.of("m.txt", "models"), filesIn(dir));
    }

    @Test
    void randomForestModelsScoreWithLightGbmsProbability() throws Exception {
        Path model = Files.writeString(dir.resolve("rf.txt"), RANDOM_FOREST);
        Path out = dir.resolve("rf.onnx");
        assertEquals(ExitCodes.OK, AlphaLeakCli.execute("export-onnx", "--model", model.toString(), "--out", out.toString(),
                "--parity-rows", "2000"), stderr());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(out.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new double[][]{{0.5}});
             OrtSession.Result r = s.run(Map.of("features", x))) {
            assertEquals(4.0, ((double[][]) r.get("margin").orElseThrow().getValue())[0][0], 0.0, "LightGBM's raw score: the sum");
            assertEquals(0.8807970779778823, ((double[][]) r.get("probability").orElseThrow().getValue())[0][0], 1e-15,
                    "LightGBM's probability: sigmoid of the average");
        }
    }

    /**
     * bin/alphaleak changes to the repository before starting Java; it passes the caller's directory
     * in ALPHALEAK_CALLER_DIR and export-onnx resolves relative --model/--out against it. Run as a
     * separate JVM whose working directory is elsewhere, as the launcher leaves it.
     */
    @Test
    void relativeModelAndOutResolveAgainstTheCallersDirectory() throws Exception {
        Path caller = Files.createDirectory(dir.resolve("caller"));
        Path elsewhere = Files.createDirectory(dir.resolve("repo"));
        Files.writeString(caller.resolve("m.txt"), MODEL);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AlphaLeakCli.class.getName(),
                "export-onnx", "--model", "m.txt", "--out", "m.onnx", "--parity-rows", "500")
                .directory(elsewhere.toFile()).redirectErrorStream(true);
        pb.environment().put(CallerDirectory.ENV, caller.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(Files.size(caller.resolve("m.onnx")) > 0, output);
        assertEquals(List.of(), filesIn(elsewhere), "nothing lands in the launcher's working directory");
    }

    /** The launcher's half of the contract: it exports the directory it was called from, then cds. */
    @Test
    void launcherPassesTheCallersDirectory() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        // A copy of the launcher in a fake checkout whose jar is newer than every source: no build runs,
        // and a stub "java" on the PATH reports what the real one would receive.
        Path fake = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(fake.resolve("bin"));
        Files.createDirectories(fake.resolve("jobs/target"));
        Files.copy(repo.resolve("bin/alphaleak"), fake.resolve("bin/alphaleak"));
        Files.writeString(fake.resolve("jobs/target/local-classpath.txt"), "");
        Files.writeString(fake.resolve("jobs/target/alphaleak-jobs.jar"), "");
        // the JVM flags list the build writes from the pom; the launcher passes it to java
        Path opens = Files.createDirectories(fake.resolve("core/target/classes/alphaleak")).resolve("jvm-opens.txt");
        Files.writeString(opens, "--add-opens=java.base/java.nio=ALL-UNNAMED -Dfrom.opens.file=true\n");
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Path java = Files.writeString(stubs.resolve("java"), "#!/usr/bin/env bash\necho \"cwd=$PWD caller=$ALPHALEAK_CALLER_DIR args=$*\"\n");
        java.toFile().setExecutable(true);
        Path caller = Files.createDirectories(dir.resolve("somewhere"));
        ProcessBuilder pb = new ProcessBuilder("bash", fake.resolve("bin/alphaleak").toString(), "export-onnx", "--model", "m.txt")
                .directory(caller.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
        pb.environment().remove(CallerDirectory.ENV);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("cwd=" + fake.toRealPath()), output);
        assertTrue(output.contains("caller=" + caller.toRealPath()), output);
        assertTrue(output.contains("export-onnx --model m.txt"), output);
        assertTrue(output.contains("--add-opens=java.base/java.nio=ALL-UNNAMED -Dfrom.opens.file=true"), output);
        assertFalse(output.contains("building"), "no build runs: " + output);
    }

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
