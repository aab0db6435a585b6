package com.alphaleak.jobs;

import com.alphaleak.concurrent.InOrderParallel;
import com.alphaleak.ExitCodes;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.export.ExportModel;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.ManifestFiles;
import com.alphaleak.training.TrainTarget;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Search, final training, calibration and ONNX export for every configured target of the written
 * training sets. Each target is independent: it reads its dataset, trains, and writes its model
 * directory, or fails without writing.
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

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            Trained trained = trainAll(ctx, only == null || only.isEmpty() ? DatasetKind.values() : only.toArray(DatasetKind[]::new), targets);
            System.out.print(ModelTable.render(trained));
            ctx.stage("train", "done" + (trained.skipped().isEmpty() ? "" : "; skipped " + trained.skipped().keySet()));
            if (!trained.skipped().isEmpty()) return ExitCodes.SKIPPED_TARGETS;
        }
        return ExitCodes.OK;
    }

    /** One exported model, for the run's summary table. */
    /** @param published null when the run does not publish */
    /** @param oracle the model against the sample world's oracle on the validation rows; null without an oracle table */
    record ModelOutcome(DatasetKind kind, String target, TrainTarget.Result trained, ExportModel.Result exported,
                        com.alphaleak.publish.ModelPublisher.Result published, Duration elapsed,
                        com.alphaleak.training.oracle.OracleComparison oracle) {}

    /**
     * What a training pass did.
     *
     * @param skipped {@code <dataset>/<target>} to the reason, for selected targets that their
     *                dataset's manifest lists as skipped (not trained, nothing written)
     */
    record Trained(List<ModelOutcome> models, Map<String, String> skipped) {}

    static Trained trainAll(JobContext ctx, DatasetKind[] kinds, List<String> onlyTargets) {
        return trainAll(ctx, kinds, onlyTargets, false, false);
    }

    /**
     * @param publish whether each exported model goes through the champion gate to the model store
     * @param force   promote even when the gate refuses
     */
    static Trained trainAll(JobContext ctx, DatasetKind[] kinds, List<String> onlyTargets, boolean publish, boolean force) {
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
        List<Callable<ModelOutcome>> work = new ArrayList<>();
        int i = 0;
        for (Job job : jobs) {
            int n = ++i;
            String path = BuildDatasets.outputPath(ctx.config, job.kind);
            DatasetManifest manifest = ManifestFiles.read(ctx.spark, path).orElseThrow(() -> new IllegalStateException(
                    "no training set at " + path + " (run build-dataset first, or use run)"));
            String why = manifest.skippedTargets().get(job.target);
            if (why != null) {
                // The build already said why this target cannot be trained; the others go on.
                ctx.stage("train", String.format("model %d/%d: %s/%s skipped: %s", n, jobs.size(), job.kind.datasetName(), job.target, why));
                skipped.put(job.kind.datasetName() + "/" + job.target, why);
                continue;
            }
            work.add(() -> trainOne(ctx, job, n, jobs.size(), path, manifest, publish, force));
        }
        // Targets in flight share the task slots: the next target's trials fill the slots the tail
        // of a search leaves idle. Each target's search and model do not depend on the overlap.
        List<ModelOutcome> out = InOrderParallel.run(work, ctx.config.tuning().concurrentTargets(), "target");
        return new Trained(out, skipped);
    }

    private static ModelOutcome trainOne(JobContext ctx, Job job, int i, int of, String path, DatasetManifest manifest,
                                         boolean publish, boolean force) {
        Instant t0 = Instant.now();
        Dataset<Row> rows = ctx.spark.read().format("delta").load(path);
        ctx.stage("train", String.format("model %d/%d: %s/%s", i, of, job.kind.datasetName(), job.target));
        TrainTarget.Result trained = TrainTarget.with(ctx.spark, ctx.config).dataset(rows, manifest).target(job.target)
                .runId(ctx.runId).execute();
        ExportModel.Result exported = ExportModel.of(trained, manifest, ctx.config).kind(job.kind).runId(ctx.runId)
                .hadoop(ctx.spark.sparkContext().hadoopConfiguration()).execute();
        ctx.stage("train", String.format("model %d/%d: %s exported to %s", i, of, exported.modelId(), exported.directory()));
        com.alphaleak.publish.ModelPublisher.Result published = null;
        if (publish) {
            DatasetManifest.Slice v = manifest.splits().get("validation");
            published = PublishStep.publish(ctx.config, ctx.spark.sparkContext().hadoopConfiguration(), exported,
                    trained.matrices().validation(), "validation window " + (v == null ? "?" : v.from() + " .. " + v.to()), force);
            ctx.stage("publish", String.format("model %d/%d: %s %s (%s)", i, of, exported.modelId(),
                    published.status(), published.reason()));
        }
        return new ModelOutcome(job.kind, job.target, trained, exported, published, Duration.between(t0, Instant.now()),
                oracle(ctx, job.kind, manifest, rows, trained, exported));
    }

    private record Job(DatasetKind kind, String target) {}

    /** Thresholds of the oracle comparison: the strategies' (standard 0.8, genesis 0.9). */
    static final List<Double> STRATEGY_THRESHOLDS = List.of(0.8, 0.9);

    /**
     * The exported model next to the simulator's oracle on the reported slice, when
     * {@code tables.oracle} exists (sample worlds); else null. The oracle is read only here, after
     * training: never a feature, never a training input.
     */
    static com.alphaleak.training.oracle.OracleComparison oracle(JobContext ctx, DatasetKind kind, DatasetManifest m,
                                                                 Dataset<Row> rows, TrainTarget.Result trained, ExportModel.Result exported) {
        com.alphaleak.config.TableLocation loc = ctx.config.tables().oracle();
        if (!ctx.io.exists(loc)) return null;
        com.alphaleak.model.ModelSidecar.Calibration c = exported.sidecar().calibration();
        return com.alphaleak.training.oracle.ModelVsOracle.of(rows, ctx.io.readRaw(loc), kind == DatasetKind.GENESIS ? "token" : "signal",
                m, trained.matrices(), trained.model().modelText(),
                new com.alphaleak.training.calibration.PlattParameters(c.plattA(), c.plattB()), STRATEGY_THRESHOLDS);
    }
}
