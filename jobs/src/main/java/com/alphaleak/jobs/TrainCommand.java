package com.alphaleak.jobs;

import com.alphaleak.concurrent.InOrderParallel;
import com.alphaleak.ExitCodes;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.export.ExportModel;
import com.alphaleak.export.FinishedModels;
import com.alphaleak.export.sidecar.CodeVersion;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.ManifestFiles;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.ModelPublisher;
import com.alphaleak.training.TrainTarget;
import com.alphaleak.training.TrainingFingerprint;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.LabelledRows;
import com.alphaleak.training.data.MatrixCollector;
import com.alphaleak.training.data.SharedLabelledRows;
import com.alphaleak.training.oracle.SharedOracleSlices;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Search, final training, calibration and ONNX export for every configured target of the written
 * training sets. Each target is independent: it reads its dataset, trains, and writes its model
 * directory, or fails without writing.
 *
 * <p>Restarts: a target whose model this run id already finished ({@link FinishedModels}: a
 * complete model directory whose sidecar has the {@link TrainingFingerprint} the target would be
 * trained under now) is not searched, trained or exported again; its stored model goes on as if
 * just exported. {@code --retrain} turns that off; another run id never reuses a model.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Search hyperparameters (TPE), train, calibrate and export ONNX + sidecar for each target.",
                "Reads the training sets written by build-dataset; writes <export.output>/<model>/<model id>/."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--only", split = ",", paramLabel = "KIND",
            description = "Train only the models of these datasets: ${COMPLETION-CANDIDATES} (default: all).")
    List<DatasetKind> only;

    @Option(names = "--target", split = ",", paramLabel = "TARGET", description = "Train only these targets (default: every configured one).")
    List<String> targets;

    @Option(names = "--retrain", description = RETRAIN_HELP)
    boolean retrain;

    static final String RETRAIN_HELP = "Search and train every selected target again, even one this run id already finished "
            + "with the same data and settings (by default a restart of a run reuses those models).";

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            Trained trained = trainAll(ctx, only == null || only.isEmpty() ? DatasetKind.values() : only.toArray(DatasetKind[]::new), targets,
                    false, false, retrain);
            System.out.print(ModelTable.render(trained));
            long reused = trained.models().stream().filter(m -> m.source() == Source.FINISHED_EARLIER).count();
            ctx.stage("train", "done" + (reused == 0 ? "" : "; " + reused + " finished earlier in this run, reused")
                    + (trained.skipped().isEmpty() ? "" : "; skipped " + trained.skipped().keySet()));
            if (!trained.skipped().isEmpty()) return ExitCodes.SKIPPED_TARGETS;
        }
        return ExitCodes.OK;
    }

    /** Where a model of the run's summary comes from. */
    enum Source {
        /** Searched, trained and exported by this pass. */
        TRAINED,
        /** Searched and trained by this pass; the identical export already on disk was kept. */
        UNCHANGED,
        /** Finished by an earlier pass of the same run id under the same fingerprint: nothing searched, trained or exported. */
        FINISHED_EARLIER
    }

    /**
     * One model of the run, with what the summary table prints: everything comes from the model's
     * artifact (its sidecar holds trials, best trial, metrics, calibration, parity), so a model
     * finished earlier is shown like one trained now.
     *
     * @param published null when the run does not publish
     * @param oracle    the model against the sample world's oracle on the validation rows; null without an
     *                  oracle table, and for a model finished earlier (only models trained in this pass are compared)
     */
    record ModelOutcome(DatasetKind kind, String target, ModelArtifact artifact, Source source,
                        ModelPublisher.Result published, Duration elapsed,
                        com.alphaleak.training.oracle.OracleComparison oracle) {
        ModelSidecar sidecar() {
            return artifact.sidecar();
        }
    }

    /**
     * What a training pass did.
     *
     * @param skipped {@code <dataset>/<target>} to the reason, for selected targets that their
     *                dataset's manifest lists as skipped (not trained, nothing written)
     */
    record Trained(List<ModelOutcome> models, Map<String, String> skipped) {}

    /**
     * @param publish whether each exported model goes through the champion gate to the model store
     * @param force   promote even when the gate refuses
     * @param retrain train targets this run id already finished again instead of reusing their models
     */
    static Trained trainAll(JobContext ctx, DatasetKind[] kinds, List<String> onlyTargets, boolean publish, boolean force,
                            boolean retrain) {
        List<Job> jobs = new ArrayList<>();
        for (DatasetKind kind : kinds) {
            List<TargetSpec> configured = kind.settings(ctx.config.datasets()).targets();
            for (TargetSpec t : configured) {
                if (onlyTargets == null || onlyTargets.isEmpty() || onlyTargets.contains(t.name())) jobs.add(new Job(kind, t.name()));
            }
        }
        if (jobs.isEmpty()) throw new com.alphaleak.config.ConfigValidationException(List.of("no target selected: --target "
                + onlyTargets + " is not among the configured targets " + ctx.config.datasets().signal().targets()
                + " / " + ctx.config.datasets().genesis().targets()));
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<DatasetKind, DatasetManifest> manifests = new LinkedHashMap<>();
        Map<DatasetKind, Set<String>> trainable = new LinkedHashMap<>();
        for (Job job : jobs) {
            String path = BuildDatasets.outputPath(ctx.config, job.kind);
            DatasetManifest manifest = manifests.computeIfAbsent(job.kind, k -> ManifestFiles.read(ctx.spark, path).orElseThrow(
                    () -> new IllegalStateException("no training set at " + path + " (run build-dataset first, or use run)")));
            if (!manifest.skippedTargets().containsKey(job.target)) trainable.computeIfAbsent(job.kind, k -> new LinkedHashSet<>()).add(job.target);
        }
        // The targets of one dataset take their matrices from one collection of its rows.
        Map<DatasetKind, SharedLabelledRows> rows = new LinkedHashMap<>();
        trainable.forEach((kind, targets) -> rows.put(kind, new SharedLabelledRows(targets,
                () -> collectRows(ctx, BuildDatasets.outputPath(ctx.config, kind), manifests.get(kind), targets))));
        // On a sample world, the oracle probabilities of a dataset's targets are read in one pass for all of them.
        Map<DatasetKind, SharedOracleSlices> oracles = new LinkedHashMap<>();
        com.alphaleak.config.TableLocation oracleAt = ctx.config.tables().oracle();
        if (!trainable.isEmpty() && ctx.io.exists(oracleAt)) {
            trainable.forEach((kind, targets) -> {
                DatasetManifest m = manifests.get(kind);
                String path = BuildDatasets.outputPath(ctx.config, kind);
                oracles.put(kind, new SharedOracleSlices(() -> ctx.spark.read().format("delta").load(path), () -> ctx.io.readRaw(oracleAt),
                        kind == DatasetKind.GENESIS ? "token" : "signal", List.copyOf(targets), m.idColumn(), m.timeColumn(), m.splitColumn()));
            });
        }
        List<Callable<ModelOutcome>> work = new ArrayList<>();
        int i = 0;
        for (Job job : jobs) {
            int n = ++i;
            String path = BuildDatasets.outputPath(ctx.config, job.kind);
            DatasetManifest manifest = manifests.get(job.kind);
            String why = manifest.skippedTargets().get(job.target);
            if (why != null) {
                // The build already said why this target cannot be trained; the others go on.
                ctx.stage("train", String.format("model %d/%d: %s/%s skipped: %s", n, jobs.size(), job.kind.datasetName(), job.target, why));
                skipped.put(job.kind.datasetName() + "/" + job.target, why);
                continue;
            }
            SharedLabelledRows shared = rows.get(job.kind);
            SharedOracleSlices oracle = oracles.get(job.kind);
            work.add(() -> {
                try {
                    return trainOne(ctx, job, n, jobs.size(), path, manifest, shared, oracle, publish, force, retrain);
                } finally {
                    shared.release(job.target);
                }
            });
        }
        // Targets in flight share the task slots: the next target's trials fill the slots the tail
        // of a search leaves idle. Each target's search and model do not depend on the overlap.
        List<ModelOutcome> out = InOrderParallel.run(work, ctx.config.tuning().concurrentTargets(), "target");
        return new Trained(out, skipped);
    }

    private static ModelOutcome trainOne(JobContext ctx, Job job, int i, int of, String path, DatasetManifest manifest,
                                         SharedLabelledRows rows, SharedOracleSlices oracleRows, boolean publish, boolean force,
                                         boolean retrain) {
        Instant t0 = Instant.now();
        Configuration hadoop = ctx.spark.sparkContext().hadoopConfiguration();
        String label = job.kind.datasetName() + "/" + job.target;
        String fingerprint = TrainingFingerprint.of(manifest, job.target, ctx.config, ctx.spark.sparkContext().defaultParallelism(),
                CodeVersion.get());
        Optional<ModelArtifact> finished = retrain ? Optional.empty()
                : FinishedModels.find(hadoop, ctx.config.export().output(), job.kind, job.target, ctx.runId, fingerprint);
        ModelArtifact artifact;
        Source source;
        Supplier<DenseMatrix> window;
        com.alphaleak.training.oracle.OracleComparison oracle = null;
        if (finished.isPresent()) {
            artifact = finished.get();
            source = Source.FINISHED_EARLIER;
            rows.release(job.target);
            ctx.stage("train", String.format("model %d/%d: %s finished earlier in run %s as %s (same data and settings); "
                    + "not searched or trained again (--retrain to do so)", i, of, label, ctx.runId, artifact.modelId()));
            // Only read when the gate has to measure it (the model is not already the current one).
            window = () -> validationRows(ctx, path, manifest, job.target);
        } else {
            Dataset<Row> data = ctx.spark.read().format("delta").load(path);
            ctx.stage("train", String.format("model %d/%d: %s", i, of, label));
            TrainTarget.Result trained = TrainTarget.with(ctx.spark, ctx.config).dataset(data, manifest).sharedRows(rows).target(job.target)
                    .runId(ctx.runId).execute();
            ExportModel.Result exported = ExportModel.of(trained, manifest, ctx.config).kind(job.kind).runId(ctx.runId)
                    .fingerprint(fingerprint).hadoop(hadoop).execute();
            ctx.stage("train", String.format("model %d/%d: %s exported to %s", i, of, exported.modelId(), exported.directory()));
            artifact = exported.artifact();
            source = exported.unchanged() ? Source.UNCHANGED : Source.TRAINED;
            DenseMatrix validation = trained.matrices().validation();
            window = () -> validation;
            if (oracleRows != null) {
                long o0 = System.nanoTime();
                oracle = oracle(oracleRows, trained, exported);
                ctx.stage("train", String.format("model %d/%d: %s compared with the sample world's oracle in %.1f s", i, of,
                        exported.modelId(), (System.nanoTime() - o0) / 1e9));
            }
        }
        ModelPublisher.Result published = null;
        if (publish) {
            DatasetManifest.Slice v = manifest.splits().get("validation");
            long p0 = System.nanoTime();
            published = PublishStep.publish(ctx.config, hadoop, artifact, window,
                    "validation window " + (v == null ? "?" : v.from() + " .. " + v.to()), force);
            ctx.stage("publish", String.format("model %d/%d: %s %s (%s) in %.1f s", i, of, artifact.modelId(),
                    published.status(), published.reason(), (System.nanoTime() - p0) / 1e9));
        }
        return new ModelOutcome(job.kind, job.target, artifact, source, published, Duration.between(t0, Instant.now()), oracle);
    }

    /** The target's validation rows, as training collected them (the champion gate's window). */
    private static DenseMatrix validationRows(JobContext ctx, String path, DatasetManifest manifest, String target) {
        return MatrixCollector.collect(manifest.dataset() + " dataset", ctx.spark.read().format("delta").load(path),
                manifest.featureNames(), target, manifest.idColumn(), manifest.timeColumn(), manifest.splitColumn()).validation();
    }

    /** The rows of the dataset at {@code path} labelled for any of {@code targets}, collected once for all of them. */
    private static LabelledRows collectRows(JobContext ctx, String path, DatasetManifest manifest, Set<String> targets) {
        long t0 = System.nanoTime();
        LabelledRows rows = LabelledRows.collect(manifest.dataset() + " dataset", ctx.spark.read().format("delta").load(path),
                manifest.featureNames(), List.copyOf(targets),
                com.alphaleak.training.data.PeakLabel.forTargets(ctx.config.tuning().peakLabel(), manifest.dataset(), targets),
                manifest.idColumn(), manifest.timeColumn(), manifest.splitColumn());
        ctx.stage("train", String.format("%s: %,d labelled rows collected once for %d target(s) in %.1f s", manifest.dataset(),
                rows.rows(), targets.size(), (System.nanoTime() - t0) / 1e9));
        return rows;
    }

    private record Job(DatasetKind kind, String target) {}

    /** Thresholds of the oracle comparison: the strategies' (standard 0.8, genesis 0.9). */
    static final List<Double> STRATEGY_THRESHOLDS = List.of(0.8, 0.9);

    /**
     * The exported model next to the simulator's oracle on the reported slice (sample worlds, where
     * {@code tables.oracle} exists). The oracle is read only here, after training: never a feature,
     * never a training input.
     */
    static com.alphaleak.training.oracle.OracleComparison oracle(SharedOracleSlices oracle, TrainTarget.Result trained,
                                                                 ExportModel.Result exported) {
        com.alphaleak.model.ModelSidecar.Calibration c = exported.sidecar().calibration();
        return com.alphaleak.training.oracle.ModelVsOracle.of(oracle, trained.matrices(), trained.model().modelText(),
                new com.alphaleak.training.calibration.PlattParameters(c.plattA(), c.plattB()), STRATEGY_THRESHOLDS);
    }
}
