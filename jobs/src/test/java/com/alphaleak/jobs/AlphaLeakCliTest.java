package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.export.lightgbm.UnsupportedModelException;
import com.alphaleak.export.parity.ExportRefusedException;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.split.EmptySplitException;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.CorruptObjectException;
import com.alphaleak.publish.NoSuchVersionException;
import com.alphaleak.publish.VersionConflictException;
import io.delta.tables.DeltaTable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as an operator uses it: real configuration files, real local Spark, real Delta tables. */
class AlphaLeakCliTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private int run(String command, String... settings) {
        List<String> args = new ArrayList<>(List.of(command, "--config", "../conf/local.conf",
                "--set", "run.work-dir=" + work, "--set", "spark.shuffle-partitions=4",
                "--set", "sample.signals=4000", "--set", "sample.wallets=600", "--set", "sample.creators=300", "--set", "sample.days=10",
                // A 4,000-signal world has too few matured 24 h positives in validation; the default world has enough.
                "--set", "datasets.signal.targets=[reach_2x_10m, reach_3x_30m, reach_2x_1h]",
                "--set", "datasets.genesis.targets=[reach_2x_10m, reach_2x_1h]",
                // a short search keeps the test quick; the defaults are exercised by bin/alphaleak run
                "--set", "tuning.trials=4", "--set", "tuning.startup-trials=2", "--set", "tuning.max-iterations=60",
                "--set", "tuning.early-stopping-rounds=10", "--set", "export.parity-rows=2000", "--set", "run.id=cli-test"));
        for (String s : settings) {
            if (s.startsWith("--")) {
                args.add(s); // a command option such as --only=SIGNAL
                continue;
            }
            args.add("--set");
            args.add(s);
        }
        return AlphaLeakCli.execute(args.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The newest Delta commit number, read from the log folder (no Spark needed). */
    private static long deltaVersionOnDisk(Path table) throws Exception {
        try (var files = Files.list(table.resolve("_delta_log"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElseThrow();
        }
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        assertEquals(0, AlphaLeakCli.execute("--help"));
        for (String s : List.of("generate-sample", "build-dataset", "run", "export-onnx", "show-config", "Exit codes",
                "6  completed, but a target was skipped", "10  monitor")) {
            assertTrue(stdout().contains(s), s + " missing from:\n" + stdout());
        }
        assertEquals(0, AlphaLeakCli.execute("build-dataset", "--help"));
        assertTrue(stdout().contains("--only"));
    }

    @Test
    void everyHelpPageEndsWithTheExitCodesOfTheOneDefinition() {
        for (String command : List.of("run", "train", "sync-models", "rollback", "monitor", "export-onnx")) {
            out.reset();
            assertEquals(ExitCodes.OK, AlphaLeakCli.execute(command, "--help"));
            for (Map.Entry<Integer, String> e : ExitCodes.MEANINGS.entrySet()) {
                String line = String.format(Locale.ROOT, "%3d  %s", e.getKey(), e.getValue());
                assertTrue(stdout().contains(line + System.lineSeparator()), command + " --help lacks '" + line + "':\n" + stdout());
            }
        }
    }

    @Test
    void theFirstProjectExceptionInTheCauseChainDecidesTheExitCode() {
        record Case(Exception thrown, String message, int code) {}
        DataContractException contract = new DataContractException("signals", List.of("column 'signal_time' is missing"));
        CorruptObjectException corrupt = new CorruptObjectException("m-2/reach_2x_1h.onnx has SHA-256 00, the pointer says ff");
        List<Case> cases = List.of(
                new Case(new ConfigValidationException(List.of("unknown key alphaleak.x")), "unknown key alphaleak.x", ExitCodes.USAGE),
                new Case(new NoSuchVersionException("no complete version m-9"), "no complete version m-9", ExitCodes.USAGE),
                // Spark wraps what a task threw: the contract violation inside decides, not the wrapper
                new Case(new RuntimeException("Job aborted", new SparkException("Task failed", contract)), "signal_time", ExitCodes.BAD_INPUT),
                new Case(new EmptySplitException("signal", "it has no rows"), "it has no rows", ExitCodes.BAD_INPUT),
                new Case(new UnsupportedModelException("multiclass models are not supported"), "multiclass", ExitCodes.BAD_INPUT),
                new Case(new ExecutionException(new ExportRefusedException("parity failed on 3 rows")), "parity failed", ExitCodes.GATE_REFUSED),
                new Case(new UncheckedIOException(new IOException("read failed", corrupt)), "has SHA-256 00", ExitCodes.STORE_INTEGRITY),
                new Case(new VersionConflictException("version m-1 already exists"), "m-1 already exists", ExitCodes.STORE_INTEGRITY),
                new Case(new ModelDirectory.CorruptModelException("models/m-1 has no sidecar"), "has no sidecar", ExitCodes.STORE_INTEGRITY),
                new Case(new IllegalStateException("a bug"), "a bug", ExitCodes.FAILURE));
        for (Case c : cases) {
            StringWriter err = new StringWriter();
            assertEquals(c.code(), AlphaLeakCli.report(c.thrown(), "run", new PrintWriter(err, true)), c.thrown().toString());
            assertTrue(err.toString().contains(c.message()), err.toString());
            if (c.code() != ExitCodes.FAILURE) {
                assertTrue(err.toString().contains("run: exit " + c.code() + ", " + ExitCodes.MEANINGS.get(c.code())), err.toString());
            }
        }
    }

    @Test
    void unknownSettingExitsWithUsageCodeNamingTheKey() {
        assertEquals(ExitCodes.USAGE, run("show-config", "split.validation-fractoin=0.3"));
        assertTrue(stderr().contains("validation-fractoin"), stderr());
        assertTrue(stderr().contains("validation-fraction"), "suggests the near miss: " + stderr());
    }

    @Test
    void buildDatasetWithoutInputTablesExitsWithBadInputAndWritesNothing() {
        assertEquals(ExitCodes.BAD_INPUT, run("build-dataset"));
        assertTrue(stderr().contains("signals"), stderr());
        assertFalse(Files.exists(work.resolve("datasets/signal")));
    }

    @Test
    void runWithoutInputTablesExitsWithBadInputNamingEveryMissingTableAndGeneratesNothing() {
        assertEquals(ExitCodes.BAD_INPUT, run("run"));
        for (String table : List.of("signals", "outcomes", "wallet_features", "genesis_windows")) {
            assertTrue(stderr().contains(table), table + " not named: " + stderr());
        }
        assertTrue(stderr().contains(work.resolve("tables").toString()), "names the path: " + stderr());
        assertFalse(Files.exists(work.resolve("tables")), "no sample world unless asked for");
        assertFalse(Files.exists(work.resolve("datasets")));
    }

    @Test
    void runOnAFreshMachineGeneratesTheSampleAndBuildsBothDatasetsThenKeepsThemWhenNothingChanged() throws Exception {
        assertEquals(ExitCodes.OK, run("run", "--sample"), stderr());
        Path signal = work.resolve("datasets/signal");
        Path genesis = work.resolve("datasets/genesis");
        DatasetManifest m = DatasetManifest.fromJson(Files.readString(signal.resolve(DatasetManifest.FILE_NAME)));
        assertEquals(4000, m.rows());
        assertEquals(68, m.featureNames().size());
        assertTrue(m.sources().get("wallet_features").deltaVersion() >= 0);
        assertTrue(Files.exists(genesis.resolve(DatasetManifest.FILE_NAME)));
        assertTrue(stdout().contains("reach_2x_1h"), stdout());
        for (String stem : List.of("reach_2x_10m", "reach_3x_30m", "reach_2x_1h", "genesis_reach_2x_10m", "genesis_reach_2x_1h")) {
            try (var dirs = Files.list(work.resolve("models").resolve(stem))) {
                Path dir = dirs.filter(d -> d.getFileName().toString().startsWith(stem + "-cli-test-")).findFirst().orElseThrow();
                assertTrue(Files.size(dir.resolve(stem + ".onnx")) > 0, dir.toString());
                ModelSidecar sidecar = ModelSidecar.fromJson(Files.readString(dir.resolve(stem + "_metadata.json")));
                assertTrue(sidecar.parity().passed() && sidecar.parity().rows() >= 2000);
                assertEquals(stem.startsWith("genesis") ? "genesis" : "standard", sidecar.modelKind());
            }
        }
        assertTrue(stdout().contains("ECE"), "model summary table: " + stdout());
        // the sample world has an oracle: every model is shown next to it on the reported slice
        assertTrue(stdout().contains("model vs oracle"), stdout());
        assertTrue(stdout().lines().filter(l -> l.matches("^(genesis_)?reach_\\S+ +validation .*")).count() >= 5,
                "one oracle row per model: " + stdout());
        assertTrue(stdout().contains("metrics on validation are selection-biased"), "80/20 split: the summary says its "
                + "numbers come from the slice that chose the model: " + stdout());
        assertTrue(stdout().contains("PROMOTED"), "first models of a fresh store are promoted: " + stdout());
        Path hosts = work.resolve("host-models");
        assertEquals(0, AlphaLeakCli.execute("sync-models", "--root", work.resolve("published").toString(), "--dest", hosts.toString()),
                stderr());
        for (String stem : List.of("reach_2x_1h", "genesis_reach_2x_1h")) {
            ModelSidecar synced = ModelSidecar.fromJson(Files.readString(hosts.resolve(stem + "_metadata.json")));
            assertEquals(synced.onnx().sha256(), com.alphaleak.export.ExportModel.sha256(Files.readAllBytes(hosts.resolve(stem + ".onnx"))),
                    "a host gets a matching pair");
        }

        // The run trained two targets at a time; one at a time must give the very same models.
        out.reset();
        assertEquals(ExitCodes.OK, run("train", "--only=signal", "--retrain", "tuning.concurrent-targets=1"), stderr());
        assertEquals(3, count(stdout(), "(unchanged)"),
                "same run id, same data, same seed, targets one at a time: the same 3 models, kept: " + stdout());

        restartsReuseWhatTheRunFinished();

        assertEquals(ExitCodes.OK, run("build-dataset"), stderr());
        assertTrue(stdout().contains("unchanged"), stdout());

        // A mistyped table path is an error naming it; the real tables next to it are never touched.
        long outcomesVersion = deltaVersionOnDisk(work.resolve("tables/outcomes"));
        assertEquals(ExitCodes.BAD_INPUT, run("run", "tables.signals.path=" + work.resolve("tables/signalz")));
        assertTrue(stderr().contains("signalz"), stderr());
        assertFalse(Files.exists(work.resolve("tables/signalz")));
        // Another seed's sample world is refused over this one; the same settings keep it as it is.
        assertEquals(ExitCodes.BAD_INPUT, run("generate-sample", "run.seed=7"));
        assertTrue(stderr().contains("other settings"), stderr());
        assertEquals(ExitCodes.OK, run("generate-sample"), stderr());
        assertEquals(outcomesVersion, deltaVersionOnDisk(work.resolve("tables/outcomes")), "inputs untouched");
        assertFalse(Files.exists(work.resolve("tables/signalz")));
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog").getOrCreate();
        try {
            assertEquals(m.tableVersion(), DeltaTable.forPath(spark, signal.toString()).history(1).select("version").head().getLong(0),
                    "an unchanged rebuild adds no table version");
        } finally {
            spark.stop();
        }
    }

    /**
     * After a complete run: a restart with the same run id searches, trains, exports and publishes
     * nothing; a target whose model is gone, or whose training crashed, is the only one trained again.
     */
    private void restartsReuseWhatTheRunFinished() throws Exception {
        Path models = work.resolve("models");
        Path trials = work.resolve("trials");
        Map<Path, java.nio.file.attribute.FileTime> exported = modificationTimes(models);
        Map<Path, java.nio.file.attribute.FileTime> published = publishedObjects();
        long trialsVersion = deltaVersionOnDisk(trials);
        out.reset();
        assertEquals(ExitCodes.OK, run("run"), stderr());
        assertEquals(5, count(stdout(), "(finished earlier, skipped)"), stdout());
        assertEquals(5, count(stdout(), "ALREADY_PUBLISHED"), "publishing the same version again changes nothing: " + stdout());
        assertTrue(stdout().lines().anyMatch(l -> l.startsWith("reach_2x_1h ") && l.contains("/4 ")), "trials from the sidecar: " + stdout());
        assertEquals(trialsVersion, deltaVersionOnDisk(trials), "no trial was run, so no trial history written");
        assertEquals(exported, modificationTimes(models), "model directories untouched");
        assertEquals(published, publishedObjects(), "pointers, versions and event logs untouched, no event appended");

        // One model directory gone, and the genesis training set unreadable while its last target trains:
        // the signal model is trained again, the crash exits non-zero, and what finished stays finished.
        Path gone;
        try (var dirs = Files.list(models.resolve("reach_3x_30m"))) {
            gone = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        deleteTree(gone);
        Path genesisPart;
        try (var files = Files.walk(work.resolve("datasets/genesis"))) {
            genesisPart = files.filter(f -> f.getFileName().toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
                    .findFirst().orElseThrow();
        }
        Path aside = work.resolve("aside.parquet");
        Files.move(genesisPart, aside);
        deleteTree(models.resolve("genesis_reach_2x_1h"));
        out.reset();
        int crashed = run("train", "tuning.concurrent-targets=1");
        assertTrue(crashed != ExitCodes.OK, "a training set that cannot be read fails the run: " + stderr());
        assertTrue(Files.exists(gone.resolve("reach_3x_30m.onnx")), "trained again, the same model: " + stderr());
        assertFalse(Files.exists(models.resolve("genesis_reach_2x_1h")), "nothing of the crashed target is written");
        Files.move(aside, genesisPart);
        out.reset();
        assertEquals(ExitCodes.OK, run("train"), stderr());
        assertEquals(4, count(stdout(), "(finished earlier, skipped)"), "only the crashed target is trained: " + stdout());
        assertTrue(stdout().lines().anyMatch(l -> l.startsWith("genesis_reach_2x_1h ") && !l.contains("(")), stdout());
        try (var dirs = Files.list(models.resolve("genesis_reach_2x_1h"))) {
            assertTrue(dirs.anyMatch(d -> Files.exists(d.resolve("genesis_reach_2x_1h_metadata.json"))));
        }
        assertEquals(trialsVersion + 2, deltaVersionOnDisk(trials), "trial history of the two targets searched again, one commit each");
    }

    /** The published store's pointers, versions and events (not the publish locks' claims) with their modification times. */
    private Map<Path, java.nio.file.attribute.FileTime> publishedObjects() throws IOException {
        Map<Path, java.nio.file.attribute.FileTime> all = modificationTimes(work.resolve("published"));
        all.keySet().removeIf(p -> !(p.endsWith(com.alphaleak.publish.ModelStore.POINTER) || p.toString().contains("/versions/")
                || p.toString().contains("/events/")));
        return all;
    }

    private static Map<Path, java.nio.file.attribute.FileTime> modificationTimes(Path root) throws IOException {
        Map<Path, java.nio.file.attribute.FileTime> out = new java.util.TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) out.put(f, Files.getLastModifiedTime(f));
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void aTargetWithoutValidationPositivesIsSkippedAndReportedWithExit6WhileTheOtherTargetsAndDatasetsAreBuiltTrainedAndPublished()
            throws Exception {
        // Two days of history: the newest 20% (about ten hours) holds no matured 24 h outcome, so
        // reach_2x_24h has no labelled, hence no positive, validation row. Before: exit 3, nothing written.
        String[] world = {"sample.days=2", "datasets.signal.targets=[reach_2x_10m, reach_2x_24h]", "datasets.genesis.targets=[reach_2x_10m]"};
        assertEquals(ExitCodes.SKIPPED_TARGETS, run("run", with(world, "--sample")), stderr());

        DatasetManifest signal = DatasetManifest.fromJson(Files.readString(work.resolve("datasets/signal").resolve(DatasetManifest.FILE_NAME)));
        assertEquals(List.of("reach_2x_10m", "reach_2x_24h"), signal.targets());
        assertEquals(List.of("reach_2x_10m"), signal.trainableTargets());
        String why = signal.skippedTargets().get("reach_2x_24h");
        assertTrue(why != null && why.contains("reach_2x_24h has 0 positives among 0 labelled validation rows"), signal.skippedTargets().toString());
        DatasetManifest genesis = DatasetManifest.fromJson(Files.readString(work.resolve("datasets/genesis").resolve(DatasetManifest.FILE_NAME)));
        assertEquals(java.util.Map.of(), genesis.skippedTargets(), "the other dataset is built in full");
        assertTrue(stdout().contains("skipped reach_2x_24h (not trained): " + why), "dataset summary: " + stdout());
        assertTrue(skippedInModelSummary(why), "model summary: " + stdout());
        for (String stem : List.of("reach_2x_10m", "genesis_reach_2x_10m")) {
            try (var dirs = Files.list(work.resolve("models").resolve(stem))) {
                assertTrue(dirs.anyMatch(d -> Files.exists(d.resolve(stem + ".onnx"))), stem + " trained and exported");
            }
            assertTrue(Files.exists(work.resolve("published").resolve(stem)), stem + " published");
        }
        assertFalse(Files.exists(work.resolve("models/reach_2x_24h")), "the skipped target is never trained");

        // A rebuild of unchanged inputs reports the skipped target again; training skips it even when asked for by name.
        assertEquals(ExitCodes.SKIPPED_TARGETS, run("build-dataset", world), stderr());
        assertTrue(stdout().contains("unchanged") && stdout().contains("skipped reach_2x_24h"), stdout());
        assertEquals(ExitCodes.SKIPPED_TARGETS, run("train", with(world, "--only=signal", "--target=reach_2x_24h")), stderr());
        assertTrue(skippedInModelSummary(why), stdout());
        assertFalse(Files.exists(work.resolve("models/reach_2x_24h")));
    }

    /** The model table's line for the skipped signal target: its name in the model column, then the reason. */
    private boolean skippedInModelSummary(String why) {
        return stdout().lines().anyMatch(l -> l.startsWith("signal/reach_2x_24h ") && l.endsWith(" skipped, not trained: " + why));
    }

    private static String[] with(String[] settings, String... more) {
        List<String> all = new ArrayList<>(List.of(settings));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
