package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.BacktestParams;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.export.report.BacktestReport;
import com.alphaleak.export.sidecar.ModelNames;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.ManifestFiles;
import com.alphaleak.io.HadoopPaths;
import com.alphaleak.monitor.DeployedModels;
import com.alphaleak.training.backtest.BacktestRows;
import com.alphaleak.training.backtest.BacktestTables;
import com.alphaleak.training.backtest.ThresholdHits;
import com.alphaleak.training.backtest.WalkForwardBacktest;
import com.alphaleak.training.backtest.WindowResult;
import com.alphaleak.training.search.TrialHistory;
import com.alphaleak.training.tpe.SearchSpaces;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alphaleak backtest}: the walk-forward backtest of every selected model
 * ({@link WalkForwardBacktest}) on the written training sets; writes the scored windows (the
 * table {@code monitor.backtest} reads for alert bands), the per-window metrics and the report.
 * Rows carry the model id of the deployed version of each model ({@code publish.root}), the one
 * whose live signals the monitor will compare with them.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Walk-forward backtest: for each of backtest.windows windows, train on every earlier row (early stopping",
                "and Platt scaling on the newest of them) and score the window. Writes <backtest.output>/scored (the table the",
                "monitor's alert bands read), <backtest.output>/windows (metrics per window) and <backtest.output>/report."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            AlphaLeakConfig.Backtest bt = ctx.config.backtest();
            Map<String, String> deployed = DeployedModels.read(ctx.config.publish().root(),
                    ctx.spark.sparkContext().hadoopConfiguration()).current();
            List<BacktestReport.ModelWindows> done = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (Job job : jobs(ctx.config)) {
                String path = BuildDatasets.outputPath(ctx.config, job.kind);
                DatasetManifest manifest = ManifestFiles.read(ctx.spark, path).orElseThrow(() -> new IllegalStateException(
                        "no training set at " + path + " (run build-dataset first, or use run)"));
                if (manifest.skippedTargets().containsKey(job.target)) {
                    ctx.stage("backtest", job.stem + " skipped: " + manifest.skippedTargets().get(job.target));
                    skipped.add(job.stem);
                    continue;
                }
                // A model trained on its peak multiple (tuning.peak-label) is backtested as a run trains it.
                com.alphaleak.training.data.PeakLabel peak = com.alphaleak.training.data.PeakLabel.forTargets(
                        ctx.config.tuning().peakLabel(), manifest.dataset(), List.of(job.target)).get(job.target);
                BacktestRows rows = BacktestRows.collect(manifest.dataset() + " dataset", ctx.spark.read().format("delta").load(path),
                        manifest.featureNames(), job.target, peak, manifest.idColumn(), manifest.timeColumn());
                List<Map<String, Object>> params = List.of();
                if (bt.params() == BacktestParams.TRIAL_HISTORY) {
                    // "" is never a run id: the newest search of any run; its best few for an ensemble
                    params = new TrialHistory(ctx.spark, ctx.config.tuning().trialHistory()).previousTop(manifest.dataset(), job.target, "",
                            ctx.config.tuning().ensembleSize());
                    if (params.isEmpty()) {
                        ctx.stage("backtest", job.stem + ": no search in the trial history " + ctx.config.tuning().trialHistory()
                                + "; a search of " + bt.searchTrials() + " trials per window instead");
                    }
                }
                String modelId = deployed.get(job.stem);
                if (modelId == null) {
                    modelId = job.stem + "-backtest-" + ctx.runId;
                    ctx.stage("backtest", job.stem + ": no deployed version under " + ctx.config.publish().root()
                            + "; its rows carry model id " + modelId + " (alert bands apply to a live model with that id only)");
                }
                AlphaLeakConfig.Tuning t = ctx.config.tuning();
                long purge = TargetSpec.parse(job.target).horizon().duration().toNanos() / 1000;
                WalkForwardBacktest.Settings s = new WalkForwardBacktest.Settings(bt.windows(), bt.windowFraction(),
                        bt.validationFraction(), purge, bt.thresholds(), ctx.config.run().seed(), t.threadsPerTrial(), t.maxIterations(),
                        new com.alphaleak.training.lightgbm.Patience(t.earlyStoppingRounds(), t.earlyStoppingShrinkage()),
                        t.scalePosWeight(), params, SearchSpaces.fromConfig(t.space()), bt.searchTrials(),
                        t.startupTrials(), t.ensembleSize());
                List<WindowResult> windows = WalkForwardBacktest.run(rows, s, job.stem);
                BacktestTables.write(ctx.spark, bt.scoredPath(), bt.windowsPath(),
                        new BacktestTables.Model(modelId, job.stem, manifest.dataset(), job.target, ctx.runId), rows, windows);
                ctx.stage("backtest", job.stem + ": " + windows.size() + " windows written for " + modelId);
                done.add(new BacktestReport.ModelWindows(job.stem, modelId, windows));
            }
            writeReport(ctx, bt.reportPath(), BacktestReport.render(ctx.runId, done));
            System.out.print(render(done));
            ctx.stage("backtest", "done: " + bt.scoredPath() + ", " + bt.windowsPath() + ", " + bt.reportPath() + "/" + BacktestReport.INDEX
                    + (skipped.isEmpty() ? "" : "; skipped " + skipped));
            return skipped.isEmpty() ? ExitCodes.OK : ExitCodes.SKIPPED_TARGETS;
        }
    }

    private record Job(DatasetKind kind, String target, String stem) {}

    private static List<Job> jobs(AlphaLeakConfig cfg) {
        List<Job> out = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (DatasetKind kind : DatasetKind.values()) {
            for (TargetSpec t : kind.settings(cfg.datasets()).targets()) {
                String stem = ModelNames.stem(kind, t.name());
                known.add(stem);
                if (cfg.backtest().models().isEmpty() || cfg.backtest().models().contains(stem)) out.add(new Job(kind, t.name(), stem));
            }
        }
        List<String> unknown = cfg.backtest().models().stream().filter(m -> !known.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigValidationException(List.of("backtest.models: " + unknown + " are not configured models; known: " + known));
        }
        return out;
    }

    /** Each file to a temporary sibling, then renamed over the old one. */
    private static void writeReport(JobContext ctx, String dir, Map<String, byte[]> files) {
        files.forEach((name, bytes) -> HadoopPaths.writeReplacing(ctx.spark, new Path(dir, name).toString(), bytes));
    }

    /** One line per model and window. */
    static String render(List<BacktestReport.ModelWindows> models) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%-22s %6s %7s %6s %8s %7s %8s %8s  %s%n", "model", "window",
                "rows", "pos", "PR-AUC", "ECE", "mean p", "hit rate", "signals >= t: precision [95 % Wilson]"));
        for (BacktestReport.ModelWindows m : models) {
            for (WindowResult w : m.windows()) {
                StringBuilder th = new StringBuilder();
                for (ThresholdHits t : w.thresholds()) {
                    th.append(String.format(Locale.ROOT, "  %.2f: %d%s", t.threshold(), t.signals(), t.signals() == 0 ? ""
                            : String.format(Locale.ROOT, " %.3f [%.3f, %.3f]", t.precision(), t.wilsonLow(), t.wilsonHigh())));
                }
                sb.append(String.format(Locale.ROOT, "%-22s %6d %7d %6d %8.4f %7.4f %8.4f %8.4f%s%n", m.model(), w.index(), w.rows(),
                        w.positives(), w.prAuc(), w.ece(), w.meanPredicted(), w.observedRate(),
                        w.skipped() != null ? "  skipped: " + w.skipped() : th.toString()));
            }
        }
        return sb.toString();
    }
}
