package com.alphaleak.notebooks;

import com.alphaleak.jobs.AlphaLeakCli;
import com.alphaleak.model.ModelSidecar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executes the committed notebooks headless (Jupyter nbconvert + our Java kernel) against a small
 * run of the real pipeline on the sample world, and checks what they show against the run's own
 * files. Jupyter comes from Debian's packages, installed by {@code bin/install-jupyter} when missing.
 */
class NotebooksExecuteTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path OUT = MODULE.resolve("target/notebooks-test");
    private static final Path WORK = OUT.resolve("work");
    private static final Path JUPYTER = OUT.resolve("jupyter");
    private static final Path EXECUTED = OUT.resolve("executed");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOTEBOOKS = List.of("training_set", "trial_history", "calibration");

    @BeforeAll
    static void runThePipelineAndInstallTheKernel() throws Exception {
        String installLog = run(List.of(MODULE.resolve("bin/install-jupyter").toString()), Map.of(), 900);
        assertTrue(installLog.startsWith("exit 0"), "installing Jupyter from Debian's packages failed:\n" + installLog);
        deleteRecursively(OUT);
        int exit = AlphaLeakCli.execute("run", "--sample", "--config", "../conf/local.conf",
                "--set", "run.work-dir=" + WORK, "--set", "spark.shuffle-partitions=4", "--set", "run.id=notebook-test",
                "--set", "sample.signals=4000", "--set", "sample.wallets=600", "--set", "sample.creators=300", "--set", "sample.days=10",
                "--set", "datasets.signal.targets=[reach_2x_10m, reach_3x_30m, reach_2x_1h]",
                "--set", "datasets.genesis.targets=[reach_2x_10m, reach_2x_1h]",
                "--set", "tuning.trials=4", "--set", "tuning.startup-trials=2", "--set", "tuning.max-iterations=60",
                "--set", "tuning.early-stopping-rounds=10", "--set", "export.parity-rows=2000");
        assertEquals(0, exit, "the pipeline run the notebooks read");
        List<String> classpath = new ArrayList<>();
        classpath.add(MODULE.resolve("target/classes").toString());
        classpath.addAll(List.of(Files.readString(MODULE.resolve("target/kernel-classpath.txt")).strip().split(File.pathSeparator)));
        KernelSpec.forClasspath(classpath).install(JUPYTER);
    }

    @Test
    void committedNotebooksCarryNoOutputsSoNothingStaleIsCommitted() throws IOException {
        for (String name : NOTEBOOKS) {
            JsonNode nb = JSON.readTree(MODULE.resolve(name + ".ipynb").toFile());
            assertEquals(JavaKernel.NAME, nb.at("/metadata/kernelspec/name").asText(), name);
            for (JsonNode cell : nb.get("cells")) {
                if (!cell.get("cell_type").asText().equals("code")) continue;
                assertEquals(0, cell.get("outputs").size(), name + ": committed with outputs");
                assertTrue(cell.get("execution_count").isNull(), name + ": committed with an execution count");
            }
        }
    }

    @Test
    void trainingSetNotebookChecksTheChronologicalSplitAndDrawsItsCharts() throws Exception {
        Executed nb = execute("training_set");
        assertTrue(nb.text.contains("rows in table: 4000 (manifest: 4000)"), nb.text);
        assertTrue(nb.text.contains("chronological split holds"), nb.text);
        assertEquals(3, nb.pngs, "positive rates, one target over time, missing values");
    }

    @Test
    void trialHistoryNotebookShowsEveryTrialOfTheNewestRun() throws Exception {
        Executed nb = execute("trial_history");
        // 5 searches (3 signal + 2 genesis targets) x 4 trials, all recorded in the Delta trial history
        assertTrue(nb.text.contains("run notebook-test: 20 trials in 5 searches"), nb.text);
        assertEquals(2, nb.pngs, "best-so-far curves and one search in detail");
    }

    @Test
    void calibrationNotebookShowsEachModelsPlattFitAndOnnxRuntimeAgreesWithIt() throws Exception {
        Executed nb = execute("calibration");
        List<ModelSidecar> sidecars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(WORK.resolve("models"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(ModelSidecar.FILE_SUFFIX)).toList()) {
                sidecars.add(ModelSidecar.fromJson(Files.readString(p)));
            }
        }
        assertEquals(5, sidecars.size());
        assertTrue(nb.text.contains("5 models; calibrated_probability = 1 / (1 + exp(-(platt_a * margin + platt_b)))"), nb.text);
        for (ModelSidecar s : sidecars) {
            String row = ModelSidecar.stem(s.modelKind(), s.target()) + "\t" + String.format(Locale.ROOT, "%.4f\t%.4f", s.calibration().plattA(), s.calibration().plattB());
            assertTrue(nb.text.contains(row), "the table shows each sidecar's Platt parameters: " + row + "\n" + nb.text);
        }
        Matcher m = Pattern.compile("ONNX Runtime agrees with sigmoid\\(a \\* margin \\+ b\\) on 8 rows: max difference (\\S+)").matcher(nb.text);
        assertTrue(m.find(), nb.text);
        assertTrue(Double.parseDouble(m.group(1)) <= 1e-12, m.group(1));
        assertEquals(2, nb.pngs, "reliability diagram and ECE per model");
    }

    private record Executed(String text, int pngs) {}

    /** Runs nbconvert --execute with our kernel; fails on any error output; returns the text and image count. */
    private static Executed execute(String name) throws Exception {
        Files.createDirectories(EXECUTED);
        String log = run(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=120",
                        "--ExecutePreprocessor.kernel_name=" + JavaKernel.NAME, "--output-dir", EXECUTED.toString(), name + ".ipynb"),
                Map.of("JUPYTER_PATH", JUPYTER.toString(), "JUPYTER_DATA_DIR", JUPYTER.toString(),
                        "JUPYTER_RUNTIME_DIR", OUT.resolve("runtime").toString(), "JUPYTER_CONFIG_DIR", OUT.resolve("config").toString(),
                        Notebook.WORK_DIR_ENV, WORK.toString()), 900);
        assertTrue(log.startsWith("exit 0"), name + " failed to execute:\n" + log);
        JsonNode nb = JSON.readTree(EXECUTED.resolve(name + ".ipynb").toFile());
        StringBuilder text = new StringBuilder();
        int pngs = 0;
        for (JsonNode cell : nb.get("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                assertFalse(out.get("output_type").asText().equals("error"), name + ": " + out);
                text.append(joined(out.path("text"))).append(joined(out.path("data").path("text/plain"))).append('\n');
                if (out.path("data").has("image/png")) pngs++;
            }
            if (cell.get("cell_type").asText().equals("code")) {
                assertTrue(cell.get("execution_count").isInt(), name + ": a code cell did not run");
            }
        }
        return new Executed(text.toString(), pngs);
    }

    private static String joined(JsonNode node) {
        if (node.isTextual()) return node.asText();
        StringBuilder s = new StringBuilder();
        node.forEach(n -> s.append(n.asText()));
        return s.toString();
    }

    /** Runs a process in the module directory; returns "exit N" and its combined output. */
    private static String run(List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("notebook-process", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timeout after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8);
        }
        return "exit " + p.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
