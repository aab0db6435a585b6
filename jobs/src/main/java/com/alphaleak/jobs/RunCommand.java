package com.alphaleak.jobs;

import com.alphaleak.features.dataset.BuildDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * The retrain cycle. Today: make sure inputs exist (generating the sample world when the
 * configured input tables are absent, so a fresh checkout runs end to end) and build the
 * training sets; search, training, calibration, export and publishing join as they land.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the retrain cycle for every configured target.",
                "When the input tables do not exist yet, the sample world is generated first (local default)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

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
            ctx.stage("run", "done");
        }
        return ExitCodes.OK;
    }
}
