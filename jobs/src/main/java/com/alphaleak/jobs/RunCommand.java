package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.features.dataset.BuildDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * The retrain cycle: (with {@code --sample} only) generate the sample world, build the training
 * sets from the configured input tables, then search,
 * train, calibrate and export every configured target (see {@link TrainCommand}), and publish each
 * through the champion gate ({@link PublishStep}). A restart with the same run id reuses the models
 * that run already finished (see {@link TrainCommand}; {@code --retrain} trains them again). Exits 4 when the gate kept any champion, else 6
 * when a target was skipped (no positives in a slice of its dataset; the others are trained).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the retrain cycle for every configured target.",
                "Reads the configured input tables; a missing one is an error (exit 3) naming it. With --sample the",
                "sample world is generated first (never over existing tables)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @picocli.CommandLine.Option(names = "--sample",
            description = "Generate the seeded sample world at the configured table locations first (as generate-sample does: "
                    + "refused where any input table exists that the generator did not write with the same settings; "
                    + "kept when it did). Without it nothing but the real input tables is ever read.")
    boolean sample;

    @picocli.CommandLine.Option(names = "--force", description = "Promote every new model even when the champion gate refuses it.")
    boolean force;

    @picocli.CommandLine.Option(names = "--if-drift",
            description = "Retrain only the targets whose latest monitor decision is retrain (monitor.history); exit 0 without training when none is.")
    boolean ifDrift;

    @picocli.CommandLine.Option(names = "--retrain", description = TrainCommand.RETRAIN_HELP)
    boolean retrain;

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            ctx.stage("run", "run id " + ctx.runId);
            if (sample) {
                // Only when asked: fake data must never stand in for a mistyped table location.
                GenerateSampleCommand.generate(ctx);
            }
            BuildDatasets.Result datasets = BuildDatasetCommand.build(ctx, null);
            System.out.print(DatasetTable.render(datasets));
            java.util.List<String> only = null;
            if (ifDrift) {
                String history = ctx.config.monitor().history();
                only = com.alphaleak.monitor.MonitorHistory.targetsToRetrain(ctx.spark, history);
                if (only.isEmpty()) {
                    ctx.stage("run", "--if-drift: the monitor's latest decisions (" + history + ") ask for no retraining; nothing to do");
                    return datasets.skippedTargets().isEmpty() ? ExitCodes.OK : ExitCodes.SKIPPED_TARGETS;
                }
                ctx.stage("run", "--if-drift: retraining " + only + " as the monitor asked");
            }
            TrainCommand.Trained trained = TrainCommand.trainAll(ctx, com.alphaleak.features.dataset.DatasetKind.values(), only, true, force, retrain);
            java.util.List<TrainCommand.ModelOutcome> models = trained.models();
            System.out.print(ModelTable.render(trained));
            long refused = models.stream().filter(m -> m.published() != null
                    && m.published().status() == com.alphaleak.publish.ModelPublisher.Status.STORED_NOT_PROMOTED).count();
            ctx.stage("run", "done: " + models.size() + " models exported under " + ctx.config.export().output()
                    + ", published to " + ctx.config.publish().root() + (refused > 0 ? "; " + refused + " not promoted by the champion gate" : "")
                    + (datasets.skippedTargets().isEmpty() ? "" : "; skipped " + datasets.skippedTargets().keySet()));
            if (refused > 0) return ExitCodes.GATE_REFUSED;
            // Every skipped target was reported by the build (and skipped again by training).
            if (!datasets.skippedTargets().isEmpty() || !trained.skipped().isEmpty()) return ExitCodes.SKIPPED_TARGETS;
        }
        return ExitCodes.OK;
    }
}
