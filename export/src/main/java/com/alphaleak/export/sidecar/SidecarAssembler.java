package com.alphaleak.export.sidecar;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.export.ExportModel;
import com.alphaleak.export.parity.ParityResult;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.SourceTable;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.metrics.AveragePrecisionInterval;
import com.alphaleak.metrics.RocAuc;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.training.TrainTarget;
import com.alphaleak.training.calibration.CalibrationComparison;
import com.alphaleak.training.calibration.CalibrationReport;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.calibration.ReliabilityBin;
import com.alphaleak.features.split.SplitSide;
import com.alphaleak.training.calibration.CalibrationMetrics;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.fit.FinalModel;
import com.alphaleak.training.fit.ModelEvaluation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills a {@link ModelSidecar} from everything the run knows about one model.
 *
 * @see com.alphaleak.training.TrainingFingerprint for {@code training.fingerprint} (null when the caller has none)
 */
public final class SidecarAssembler {
    private SidecarAssembler() {}

    public static ModelSidecar assemble(String modelId, String stem, String modelKind, TrainTarget.Result trained,
                                        DatasetManifest manifest, AlphaLeakConfig config, PlattParameters platt,
                                        CalibrationComparison calibration, ParityResult parity, byte[] onnx, String runId,
                                        String fingerprint, Instant createdAt) {
        FinalModel fm = trained.model();
        DenseMatrix validation = trained.matrices().validation();
        ModelSidecar.Metrics metrics = metrics(fm, trained.matrices(), platt);

        String precision = config.export().precision().configName();
        int features = manifest.featureNames().size();
        ModelSidecar.Input input = new ModelSidecar.Input("features", precision, 5, List.of(-1, features));
        DenseMatrix calSlice = trained.matrices().calibrationSlice();
        ModelSidecar.Calibration c = new ModelSidecar.Calibration("platt", platt.a(), platt.b(), "margin",
                "calibrated_probability = 1 / (1 + exp(-(platt_a * margin + platt_b))), margin = raw LightGBM score (log-odds)",
                platt.toSklearnA(), platt.toSklearnB(),
                trained.matrices().separateCalibration().isPresent() ? "calibration" : "validation",
                calSlice.rows(), calSlice.positives(), quality(calibration.before()), quality(calibration.after()),
                bins(calibration.before().fixedBins()), bins(calibration.after().fixedBins()));

        Map<String, Object> bestParams = new TreeMap<>(fm.params());
        ModelSidecar.Training training = new ModelSidecar.Training(bestParams, fm.bestIteration(), fm.numTrees(),
                fm.scalePosWeight(), trained.search().trials().size(), (int) trained.search().failed(),
                trained.search().mode(), slice(manifest, "train", trained.matrices().train()),
                slice(manifest, "validation", validation), sourceVersions(manifest), manifest.contentFingerprint(),
                manifest.tableVersion(), trained.matrices().separateCalibration()
                        .map(t -> slice(manifest, SplitSide.CALIBRATION.label(), t)).orElse(null), fingerprint,
                fm.members().stream().map(t -> new ModelSidecar.EnsembleMember(t.number(), t.value(), t.bestIteration(),
                        new TreeMap<>(t.params()))).toList(),
                trained.peakLabel() == null ? ModelSidecar.TrainingLabel.OUTCOME : ModelSidecar.TrainingLabel.peak(
                        trained.peakLabel().column(), trained.peakLabel().multiple(), trained.peakLabel().temperature()));
        ModelSidecar.Parity p = new ModelSidecar.Parity(parity.rows(), parity.edgeRows(), parity.maxAbsMarginDiff(),
                parity.maxAbsProbabilityDiff(), parity.differingRows(), parity.marginTolerance(), parity.passed(),
                parity.reference(), parity.onnxRuntimeVersion());
        ModelSidecar.Onnx o = new ModelSidecar.Onnx(stem + ".onnx", ExportModel.sha256(onnx), onnx.length);
        return new ModelSidecar(ModelSidecar.SCHEMA_VERSION, modelId, trained.target(), modelKind, manifest.dataset(),
                manifest.registryVersion(), manifest.featureNames(), input,
                List.of("margin", "probability", "calibrated_probability"), c, metrics, training,
                FeatureHistograms.of(trained.matrices().train(), manifest.featureNames(), FeatureHistograms.DEFAULT_BINS),
                p, o, runId, createdAt.toString(), CodeVersion.get());
    }

    /**
     * Validation metrics always; test-slice metrics when the split has a newest (calibration) slice,
     * which then supplies the top-level numbers: that slice chose nothing (not the iteration, not the
     * trial), so its PR-AUC is the honest one. Validation's is the search's own maximum.
     */
    static ModelSidecar.Metrics metrics(FinalModel fm, SplitMatrices m, PlattParameters platt) {
        ModelSidecar.SliceMetrics onValidation = sliceMetrics(fm.validation(), m.validation(), platt);
        ModelSidecar.SliceMetrics onTest = m.separateCalibration()
                .map(t -> sliceMetrics(ModelEvaluation.of(fm.modelText(), t), t, platt)).orElse(null);
        double selected = fm.bestTrial().value();
        ModelSidecar.SelectionBias bias = onTest == null
                ? new ModelSidecar.SelectionBias(selected, null, null, "no test slice (split.calibration-fraction = 0): "
                        + "validation chose the early-stopping iteration and the best trial, so its metrics are "
                        + "selection-biased (optimistic) by an unmeasured amount")
                : new ModelSidecar.SelectionBias(selected, onTest.prAucRaw(), selected - onTest.prAucRaw(), String.format(
                        Locale.ROOT, "best trial's validation PR-AUC %.4f vs the same model on the untouched test slice %.4f",
                        selected, onTest.prAucRaw()));
        ModelSidecar.SliceMetrics top = onTest != null ? onTest : onValidation;
        return new ModelSidecar.Metrics(top.prAucRaw(), top.rocAucRaw(), top.prAucCalibrated(), top.rocAucCalibrated(),
                top.baseRate(), selected, fm.gapExplanation(),
                onTest != null ? ModelSidecar.Metrics.TEST : ModelSidecar.Metrics.VALIDATION, onTest == null,
                onValidation, onTest, bias);
    }

    private static ModelSidecar.SliceMetrics sliceMetrics(ModelEvaluation e, DenseMatrix rows, PlattParameters platt) {
        double[] cal = new double[e.margins().length];
        for (int i = 0; i < cal.length; i++) cal[i] = platt.apply(e.margins()[i]);
        AveragePrecisionInterval interval = AveragePrecisionInterval.of(e.margins(), rows.labels());
        return new ModelSidecar.SliceMetrics(rows.rows(), rows.positives(), e.baseRate(), e.prAuc(), e.rocAuc(),
                AveragePrecision.of(cal, rows.labels()), RocAuc.of(cal, rows.labels()),
                CalibrationMetrics.of(cal, rows.labels()).ece(), Double.isNaN(interval.lower()) ? null : interval);
    }

    private static ModelSidecar.CalibrationQuality quality(CalibrationReport r) {
        return new ModelSidecar.CalibrationQuality(r.brier(), r.logLoss(), r.ece(), r.eceEqualMass(), r.mce());
    }

    private static List<ModelSidecar.Bin> bins(List<ReliabilityBin> bins) {
        return bins.stream().map(b -> new ModelSidecar.Bin(b.lower(), b.upper(), b.count(),
                b.count() == 0 ? null : b.meanPredicted(), b.count() == 0 ? null : b.observedRate())).toList();
    }

    private static ModelSidecar.Slice slice(DatasetManifest m, String name, DenseMatrix rows) {
        DatasetManifest.Slice s = m.splits().get(name);
        return new ModelSidecar.Slice(s == null ? null : s.from(), s == null ? null : s.to(), rows.rows(), rows.positives());
    }

    private static Map<String, Long> sourceVersions(DatasetManifest m) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, SourceTable> e : m.sources().entrySet()) out.put(e.getKey(), e.getValue().deltaVersion());
        return out;
    }
}
