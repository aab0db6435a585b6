package com.alphaleak.export;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.export.gate.WindowScorer;
import com.alphaleak.export.parity.ExportRefusedException;
import com.alphaleak.export.sidecar.SidecarSchema;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.DatasetWriter;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.SampleDatasets;
import com.alphaleak.training.TrainTarget;
import com.alphaleak.training.search.TopTrialConfirmation;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.calibration.CalibrationMetrics;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportModelTest extends SharedSpark {
    @TempDir
    static Path world;
    private static AlphaLeakConfig config;
    private static DatasetWriter.Outcome dataset;
    private static TrainTarget.Result trained;

    @BeforeAll
    static void trainOnce() {
        config = SampleDatasets.config(world, Map.of("export.parity-rows", "10000",
                // weighted, so the raw probabilities are inflated and Platt visibly corrects them
                "tuning.scale-pos-weight", "null",
                // a sampled search, as at production size: the exported model is the booster of the
                // best confirmation, not a SynapseML replay (which TrainTargetTest and the jobs cover)
                "tuning.sample.max-rows", "1000", "tuning.sample.min-positives", "0", "tuning.sample.confirm-top", "2"));
        dataset = SampleDatasets.signalDataset(spark(), config);
        trained = TrainTarget.with(spark(), config).dataset(spark().read().format("delta").load(dataset.path()), dataset.manifest())
                .target("reach_2x_1h").runId("r1").execute();
    }

    @Test
    void writesACalibratedParityCheckedModelWhoseSidecarValidatesAgainstItsSchema() throws Exception {
        ExportModel.Result r = ExportModel.of(trained, dataset.manifest(), config).runId("r1").kind(DatasetKind.SIGNAL)
                .fingerprint("f".repeat(64)).execute();
        assertFalse(r.unchanged());
        assertEquals("f".repeat(64), r.sidecar().training().fingerprint(), "what a restart of run r1 looks for");
        String json = new String(r.artifact().sidecarFile().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(json, Files.readString(localPath(r.artifact().sidecarFile().path())), "the artifact holds the stored bytes");
        assertEquals(List.of(), SidecarSchema.validate(json), "schema violations");
        ModelSidecar s = ModelSidecar.fromJson(json);
        assertEquals(r.modelId(), s.modelId());
        assertTrue(s.modelId().startsWith("reach_2x_1h-r1-"));
        assertEquals(dataset.manifest().featureNames(), s.featureNames());
        assertTrue(s.parity().rows() >= 10_000 && s.parity().passed() && s.parity().differingRows() == 0);
        assertEquals(3, s.training().ensemble().size(), "the default ensemble-size: three boosters averaged, one ONNX tree ensemble");
        assertEquals(s.training().bestParams(), s.training().ensemble().get(0).params(), "best first");
        assertEquals(trained.model().numTrees(), s.training().numTrees());
        assertEquals(0.0, s.parity().maxAbsMarginDiff(), "float64 export: bit for bit");
        assertTrue(s.calibration().after().eceFixed() < s.calibration().before().eceFixed(),
                "scale_pos_weight inflates raw probabilities; Platt brings the ECE down: " + s.calibration().before().eceFixed()
                        + " -> " + s.calibration().after().eceFixed());
        assertEquals(-s.calibration().plattA(), s.calibration().sklearnA());
        assertEquals("validation", s.metrics().slice(), "80/20 split: no test slice, metrics come from validation");
        assertEquals(Boolean.TRUE, s.metrics().selectionBiased());
        assertEquals(s.metrics().prAucRaw(), s.metrics().validation().prAucRaw());
        assertEquals(null, s.metrics().test());
        assertEquals(null, s.training().test());
        assertEquals(null, s.metrics().selectionBias().difference(), "unmeasured without a test slice");
        assertTrue(s.metrics().selectionBias().note().contains("selection-biased"), s.metrics().selectionBias().note());
        byte[] onnx = r.artifact().onnx().bytes();
        assertArrayEquals(onnx, Files.readAllBytes(localPath(r.artifact().onnx().path())));
        assertEquals(ExportModel.sha256(onnx), s.onnx().sha256());
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(s.modelId(), meta.get("model_id"));
            assertEquals("reach_2x_1h", meta.get("target"));
            assertEquals(Double.toString(s.calibration().plattA()), meta.get("platt_a"));
            assertTrue(meta.get("feature_names_json").contains("\"" + s.featureNames().get(0) + "\""));
        }
        assertEquals(68, s.featureDistributions().size());
        Path report = localPath(r.directory()).resolve(ExportModel.REPORT_DIR);
        assertEquals(java.util.Set.of("index.html", "pr_curve.png", "reliability.png", "trials.png", "importance.png"),
                r.artifact().report().keySet());
        String html = Files.readString(report.resolve("index.html"));
        assertEquals(4, html.split("src=\"data:image/png;base64,", -1).length - 1, "four embedded charts");
        assertTrue(html.contains(s.modelId()) && html.contains("Parity") && html.contains("passed"));
        TopTrialConfirmation.Result c = trained.confirmation().orElseThrow();
        assertTrue(html.contains("Trials trained on a sample of 1000 of the " + trained.matrices().train().rows()
                + " training rows, " + trained.searchPositives() + " of the " + trained.matrices().train().positives() + " positives"),
                "the report says the search was sampled");
        for (TrialResult confirmed : c.confirmed()) {
            String deployed = confirmed.number() == c.best().orElseThrow().number() ? " (deployed)" : "";
            assertTrue(html.contains("<tr><td>" + confirmed.number() + deployed + "</td><td>"
                            + String.format(java.util.Locale.ROOT, "%.4f", trained.search().trials().get(confirmed.number()).value())
                            + "</td><td>" + String.format(java.util.Locale.ROOT, "%.4f", confirmed.value()) + "</td>"),
                    "the report's confirmation row of trial " + confirmed.number());
        }
        for (String chart : List.of("pr_curve.png", "reliability.png", "trials.png", "importance.png")) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(report.resolve(chart).toFile());
            assertTrue(img != null && img.getWidth() == 640 && img.getHeight() >= 400, chart);
        }
        ExportModel.Result again = ExportModel.of(trained, dataset.manifest(), config).runId("r1").kind(DatasetKind.SIGNAL).execute();
        assertTrue(again.unchanged(), "an identical export is left as it is");
        assertEquals(json, new String(again.artifact().sidecarFile().bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertArrayEquals(onnx, again.artifact().onnx().bytes());
    }

    @Test
    void aPeakLabelledModelExportsWithExactParityAndItsSidecarSaysWhatItLearnedFrom() throws Exception {
        AlphaLeakConfig peakConfig = SampleDatasets.config(world, Map.of("export.parity-rows", "2000", "tuning.trials", "4",
                "tuning.peak-label.models", "[reach_2x_1h]", "export.output", world.resolve("peak-models").toString()));
        TrainTarget.Result peak = TrainTarget.with(spark(), peakConfig).dataset(spark().read().format("delta").load(dataset.path()),
                dataset.manifest()).target("reach_2x_1h").runId("p1").execute();
        assertTrue(peak.model().modelText().contains("\nobjective=cross_entropy\n"));
        ExportModel.Result r = ExportModel.of(peak, dataset.manifest(), peakConfig).runId("p1").kind(DatasetKind.SIGNAL).execute();
        String json = new String(r.artifact().sidecarFile().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of(), SidecarSchema.validate(json), "schema violations");
        ModelSidecar s = ModelSidecar.fromJson(json);
        assertEquals(ModelSidecar.TrainingLabel.peak("peak_multiple_1h", 2.0, 0.3), s.training().label());
        assertTrue(s.parity().passed() && s.parity().differingRows() == 0 && s.parity().maxAbsMarginDiff() == 0.0,
                "cross entropy converts as binary sigmoid:1: ONNX matches LightGBM bit for bit");
        assertEquals(ModelSidecar.TrainingLabel.OUTCOME, ModelSidecar.fromJson(new String(ExportModel.of(trained, dataset.manifest(), config)
                .runId("r1").kind(DatasetKind.SIGNAL).execute().artifact().sidecarFile().bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .training().label(), "a model of the 0/1 outcome says so");
    }

    @Test
    void aModelWhoseFeatureOrderDiffersFromTheDatasetIsRefusedAndNothingIsWritten() throws Exception {
        DatasetManifest m = dataset.manifest();
        List<String> swapped = new ArrayList<>(m.featureNames());
        Collections.swap(swapped, 3, 7);
        DatasetManifest wrong = new DatasetManifest(m.manifestVersion(), m.dataset(), m.registryVersion(), swapped, m.targets(),
                m.idColumn(), m.timeColumn(), m.splitColumn(), m.rows(), m.splits(), m.validationStart(), m.calibrationStart(),
                m.labelsAsOf(), m.positiveRates(), m.excluded(), m.sources(), m.inputSignature(), m.contentFingerprint(),
                m.tableVersion(), m.runId(), m.createdAt());
        ExportRefusedException e = assertThrows(ExportRefusedException.class,
                () -> ExportModel.of(trained, wrong, config).runId("wrong-order").execute());
        assertTrue(e.getMessage().contains("position 3"), e.getMessage());
        Path out = Path.of(config.export().output(), "reach_2x_1h");
        if (Files.exists(out)) {
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("wrong-order")), "nothing written");
            }
        }
    }

    @Test
    void theWindowScorerMeasuresOnnxRuntimesCalibratedOutputOnTheValidationWindow() throws Exception {
        ExportModel.Result first = ExportModel.of(trained, dataset.manifest(), config).runId("champ-1").execute();
        ExportModel.Result second = ExportModel.of(trained, dataset.manifest(), config).runId("champ-2").execute();
        var window = trained.matrices().validation();
        var a = WindowScorer.metrics(first.artifact().onnx().bytes(), first.sidecar().input().precision(), window);
        var b = WindowScorer.metrics(second.artifact().onnx().bytes(), second.sidecar().input().precision(), window);
        // same trees and Platt parameters: both score the window identically, so the gate compares like with like
        assertEquals(a, b);
        // and the numbers are the reference metrics of the calibrated probability the sidecar's formula gives
        double[] margins = trained.model().validation().margins();
        double[] p = new double[margins.length];
        for (int i = 0; i < p.length; i++) p[i] = 1 / (1 + Math.exp(-(first.sidecar().calibration().plattA() * margins[i]
                + first.sidecar().calibration().plattB())));
        assertEquals(AveragePrecision.of(p, window.labels()), a.prAuc(), 1e-9);
        assertEquals(CalibrationMetrics.of(p, window.labels()).ece(), a.ece(), 1e-9);
    }

    @Test
    void theSchemaRejectsASidecarWithoutPlattParametersOrWithABadModelId() throws Exception {
        ExportModel.Result r = ExportModel.of(trained, dataset.manifest(), config).runId("schema").execute();
        String json = new String(r.artifact().sidecarFile().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(json, Files.readString(localPath(r.artifact().sidecarFile().path())), "the artifact holds the stored bytes");
        assertFalse(SidecarSchema.validate(json.replace("\"platt_a\"", "\"platt_alpha\"")).isEmpty());
        assertFalse(SidecarSchema.validate(json.replace("\"model_id\" : \"" + r.modelId(), "\"model_id\" : \"../" + r.modelId())).isEmpty());
    }

    @Test
    void aReRunRepairsAnExistingExportWhoseOnnxFileWasDamagedInsteadOfCallingItUnchanged() throws Exception {
        ExportModel.Result first = ExportModel.of(trained, dataset.manifest(), config).runId("damaged").execute();
        Path onnx = localPath(first.artifact().onnx().path());
        Files.write(onnx, new byte[] {1, 2, 3});
        ExportModel.Result again = ExportModel.of(trained, dataset.manifest(), config).runId("damaged").execute();
        assertFalse(again.unchanged(), "a damaged model file is not an identical export");
        assertArrayEquals(first.artifact().onnx().bytes(), Files.readAllBytes(onnx), "written again");
        assertEquals(again.artifact(), ModelDirectory.read(again.directory(), new Configuration()));
    }

    @Test
    void aDirectoryWithoutSidecarIsAnEarlierCrashAndIsReplacedWhileADifferentCompleteModelIsNeverOverwritten() throws Exception {
        ExportModel.Result first = ExportModel.of(trained, dataset.manifest(), config).runId("crash").execute();
        Path dir = localPath(first.directory());
        Files.delete(dir.resolve(ModelSidecar.fileName(first.stem())));
        Files.writeString(dir.resolve("leftover.tmp"), "half-written");
        ExportModel.Result again = ExportModel.of(trained, dataset.manifest(), config).runId("crash").execute();
        assertFalse(again.unchanged());
        assertFalse(Files.exists(dir.resolve("leftover.tmp")), "the leftover directory was replaced, not merged");
        assertTrue(Files.exists(dir.resolve(ModelSidecar.fileName(first.stem()))));

        ModelSidecar other = ModelSidecar.fromJson(Files.readString(dir.resolve(ModelSidecar.fileName(first.stem()))));
        ModelSidecar foreign = new ModelSidecar(other.schemaVersion(), other.modelId(), other.target(), other.modelKind(),
                other.dataset(), other.registryVersion(), other.featureNames(), other.input(), other.outputs(), other.calibration(),
                other.metrics(), other.training(), other.featureDistributions(), other.parity(),
                new ModelSidecar.Onnx(other.onnx().file(), "0".repeat(64), other.onnx().bytes()), other.runId(), other.createdAt(),
                other.codeVersion());
        Files.writeString(dir.resolve(ModelSidecar.fileName(first.stem())), foreign.toJson());
        ModelDirectory.ModelConflictException e = assertThrows(ModelDirectory.ModelConflictException.class,
                () -> ExportModel.of(trained, dataset.manifest(), config).runId("crash").execute());
        assertEquals(com.alphaleak.ExitCodes.STORE_INTEGRITY, e.exitCode());
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertEquals(foreign.toJson(), Files.readString(dir.resolve(ModelSidecar.fileName(first.stem()))), "left as it was");
    }

    /** The local file behind a {@code file:} Hadoop path (the test's export root is a local folder). */
    private static Path localPath(String hadoopPath) {
        return Path.of(java.net.URI.create(hadoopPath));
    }
}
