package com.alphaleak.jobs;

import com.alphaleak.features.dataset.BuildDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * The retrain cycle: make sure inputs exist (generating the sample world when the configured input
 * tables are absent, so a fresh checkout runs end to end), build the training sets, then search,
 * train, calibrate and export every configured target (see {@link TrainCommand}), and publish each
 * through the champion gate ({@link PublishStep}). Exits 4 when the gate kept any champion.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the retrain cycle for every configured target.",
                "When the input tables do not exist yet, the sample world is generated first (local default)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @picocli.CommandLine.Option(names = "--force", description = "Promote every new model even when the champion gate refuses it.")
    boolean force;

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            ctx.stage("run", "run id " + ctx.runId);
            if (!ctx.io.exists(ctx.config.tables().signals())) {
                ctx.stage("run", "no input tables at " + ctx.config.tables().signals().describe() + "; generating the sample world");
                GenerateSampleCommand.generate(ctx);
            }
            BuildDatasets.Result datasets = BuildDatasetCommand.build(ctx, null);
            System.out.print(DatasetTable.render(datasets));
            java.util.List<TrainCommand.ModelOutcome> models = TrainCommand.trainAll(ctx,
                    com.alphaleak.features.dataset.DatasetKind.values(), null, true, force);
            System.out.print(ModelTable.render(models));
            long refused = models.stream().filter(m -> m.published() != null
                    && m.published().status() == com.alphaleak.publish.ModelPublisher.Status.STORED_NOT_PROMOTED).count();
            ctx.stage("run", "done: " + models.size() + " models exported under " + ctx.config.export().output()
                    + ", published to " + ctx.config.publish().root() + (refused > 0 ? "; " + refused + " not promoted by the champion gate" : ""));
            if (refused > 0) return ExitCodes.GATE_REFUSED;
        }
        return ExitCodes.OK;
    }
}
