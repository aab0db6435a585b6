package com.alphaleak.export;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.onnx.EdgeRows;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.export.parity.ExportRefusedException;
import com.alphaleak.export.parity.NativeParityGate;
import com.alphaleak.export.parity.ParityResult;
import com.alphaleak.export.sidecar.ModelNames;
import com.alphaleak.export.sidecar.SidecarAssembler;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.model.ArtifactFile;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.training.TrainTarget;
import com.alphaleak.training.calibration.CalibrationComparison;
import com.alphaleak.training.calibration.PlattCalibrator;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.fit.ModelEvaluation;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calibrates a trained model, converts it to ONNX, gates the conversion against LightGBM and
 * writes the model directory {@code <export.output>/<stem>/<model id>/}: {@code <stem>.onnx},
 * {@code <stem>_metadata.json}, {@code lightgbm_model.txt} and {@code report/} (the HTML run report).
 *
 * <ol>
 *   <li>refuses a model whose feature order is not the dataset's (hosts feed columns by position);</li>
 *   <li>fits Platt scaling on the raw margins of the calibration slice (validation unless a separate
 *       slice is configured) and reports calibration before and after;</li>
 *   <li>writes the ONNX graph with the Platt parameters in-graph and provenance in metadata_props;</li>
 *   <li>parity gate: at least {@code export.parity-rows} rows (training rows + edge rows) scored by
 *       LightGBM native and ONNX Runtime; beyond {@code export.margin-tolerance} nothing is written;</li>
 *   <li>writes the directory through {@link ModelDirectory} (Hadoop paths: local or {@code s3a://}),
 *       sidecar last, so a directory with a sidecar is complete. An identical existing export is
 *       left untouched; the returned {@link ModelArtifact} carries the bytes either way.</li>
 * </ol>
 */
public final class ExportModel {
    private static final Logger LOG = LoggerFactory.getLogger(ExportModel.class);
    public static final String LIGHTGBM_FILE = ModelDirectory.LIGHTGBM_FILE;
    /** The run report (index.html + PNG charts) inside the model directory. */
    public static final String REPORT_DIR = ModelDirectory.REPORT_DIR;

    private final TrainTarget.Result trained;
    private final DatasetManifest manifest;
    private final AlphaLeakConfig config;
    private DatasetKind kind = DatasetKind.SIGNAL;
    private String runId = "adhoc";
    private Configuration hadoop = new Configuration();
    private String fingerprint;

    private ExportModel(TrainTarget.Result trained, DatasetManifest manifest, AlphaLeakConfig config) {
        this.trained = Objects.requireNonNull(trained);
        this.manifest = Objects.requireNonNull(manifest);
        this.config = Objects.requireNonNull(config);
    }

    public static ExportModel of(TrainTarget.Result trained, DatasetManifest manifest, AlphaLeakConfig config) {
        return new ExportModel(trained, manifest, config);
    }

    public ExportModel kind(DatasetKind k) {
        this.kind = k;
        return this;
    }

    public ExportModel runId(String id) {
        this.runId = id;
        return this;
    }

    public ExportModel hadoop(Configuration c) {
        this.hadoop = c;
        return this;
    }

    /**
     * The training fingerprint ({@code TrainingFingerprint}) recorded as the sidecar's
     * {@code training.fingerprint}, so a restart of this run can find the model finished; none by default.
     */
    public ExportModel fingerprint(String f) {
        this.fingerprint = f;
        return this;
    }

    /**
     * @param artifact  the model directory and every file in it, with bytes and checksums (what publish consumes)
     * @param unchanged an identical export existed and was kept ({@code artifact} then holds its bytes)
     */
    public record Result(ModelArtifact artifact, CalibrationComparison calibration, ParityResult parity, boolean unchanged) {
        public String modelId() {
            return artifact.modelId();
        }

        public String stem() {
            return artifact.stem();
        }

        /** The model directory's Hadoop path. */
        public String directory() {
            return artifact.directory();
        }

        public ModelSidecar sidecar() {
            return artifact.sidecar();
        }
    }

    public Result execute() {
        String modelText = trained.model().modelText();
        LightGbmModel model = LightGbmModelParser.parse(modelText, "trained model of " + trained.target());
        requireFeatureOrder(model.featureNames(), manifest.featureNames());
        String stem = ModelNames.stem(kind, trained.target());
        String modelId = ModelNames.modelId(kind, trained.target(), runId, EarlyStoppingTrainer.sha256(modelText));

        DenseMatrix calSlice = trained.matrices().calibrationSlice();
        ModelEvaluation onCal = ModelEvaluation.of(modelText, calSlice);
        PlattParameters platt = PlattCalibrator.fit(onCal.margins(), calSlice.labels()).parameters();
        CalibrationComparison calibration = CalibrationComparison.of(onCal.margins(), calSlice.labels(), platt, model.probabilityScale());
        LOG.info("{}: Platt a={} b={} on {} rows; ECE {} -> {}, Brier {} -> {}", modelId, platt.a(), platt.b(),
                calSlice.rows(), calibration.before().ece(), calibration.after().ece(), calibration.before().brier(),
                calibration.after().brier());

        Precision precision = Precision.of(config.export().precision());
        byte[] onnx = OnnxTreeEnsembleWriter.of(model).precision(precision).platt(platt.a(), platt.b())
                .metadata(provenance(modelId, platt)).toBytes();

        ParityResult parity = parity(modelText, model, onnx, precision, platt);
        if (!parity.passed()) {
            throw new ExportRefusedException(modelId + ": ONNX export refused, it does not match LightGBM: " + parity.summary());
        }
        LOG.info("{}: parity gate passed: {}", modelId, parity.summary());

        ModelSidecar sidecar = SidecarAssembler.assemble(modelId, stem, ModelNames.kind(kind), trained, manifest, config,
                platt, calibration, parity, onnx, runId, fingerprint, Instant.now());
        Map<String, byte[]> report = com.alphaleak.export.report.ModelReport.render(sidecar, trained, manifest, calibration,
                parity, platt);
        return write(modelId, stem, modelText, onnx, sidecar, calibration, parity, report);
    }

    static void requireFeatureOrder(List<String> model, List<String> dataset) {
        if (model.equals(dataset)) return;
        for (int i = 0; i < Math.max(model.size(), dataset.size()); i++) {
            String m = i < model.size() ? model.get(i) : "(none)";
            String d = i < dataset.size() ? dataset.get(i) : "(none)";
            if (!m.equals(d)) {
                throw new ExportRefusedException("model refused: its feature order differs from the dataset's at position " + i
                        + " (model has " + m + ", dataset has " + d + "; " + model.size() + " vs " + dataset.size()
                        + " features). Hosts feed features by position, so this model would score garbage.");
            }
        }
    }

    private Map<String, String> provenance(String modelId, PlattParameters platt) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_id", modelId);
        m.put("target", trained.target());
        m.put("model_kind", ModelNames.kind(kind));
        m.put("platt_x", "margin");
        m.put("sidecar_schema_version", Integer.toString(ModelSidecar.SCHEMA_VERSION));
        m.put("registry_version", manifest.registryVersion());
        m.put("dataset_table_version", Long.toString(manifest.tableVersion()));
        m.put("run_id", runId);
        try {
            m.put("feature_names_json", new ObjectMapper().writeValueAsString(manifest.featureNames()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private ParityResult parity(String modelText, LightGbmModel model, byte[] onnx, Precision precision, PlattParameters platt) {
        int wanted = Math.max(1, config.export().parityRows());
        DenseMatrix train = trained.matrices().train();
        int dataRows = Math.min(train.rows(), wanted / 2);
        int edgeRows = Math.max(wanted - dataRows, wanted / 2);
        double[][] rows = new double[dataRows + edgeRows][];
        for (int i = 0; i < dataRows; i++) rows[i] = train.row((int) ((long) i * train.rows() / dataRows));
        double[][] edges = EdgeRows.generate(model, edgeRows, config.run().seed());
        System.arraycopy(edges, 0, rows, dataRows, edgeRows);
        return NativeParityGate.check(modelText, onnx, precision, rows, edgeRows, config.export().marginTolerance(),
                model.sigmoid(), platt);
    }

    private Result write(String modelId, String stem, String modelText, byte[] onnx, ModelSidecar sidecar,
                         CalibrationComparison calibration, ParityResult parity, Map<String, byte[]> report) {
        String dir = ModelDirectory.path(config.export().output(), stem, modelId);
        ModelDirectory.Written w = ModelDirectory.write(dir, onnx, sidecar.toJson().getBytes(StandardCharsets.UTF_8),
                modelText.getBytes(StandardCharsets.UTF_8), report, hadoop);
        LOG.info("{}: {} {}", modelId, w.unchanged() ? "identical export kept at" : "wrote", w.artifact().directory());
        return new Result(w.artifact(), calibration, parity, w.unchanged());
    }

    public static String sha256(byte[] bytes) {
        return ArtifactFile.sha256(bytes);
    }

}
