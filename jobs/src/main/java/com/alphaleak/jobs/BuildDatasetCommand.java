package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** Builds the point-in-time training sets from the configured input tables. */
@Command(name = "build-dataset", mixinStandardHelpOptions = true,
        description = {"Build the point-in-time training sets (signal: 68 features, genesis: 75) with labels and a chronological split.",
                "Writes a Delta table and _manifest.json per dataset under alphaleak.datasets.output; skips a dataset whose inputs are unchanged."})
final class BuildDatasetCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--only", paramLabel = "KIND", split = ",",
            description = "Build only these datasets: ${COMPLETION-CANDIDATES} (default: all).")
    List<DatasetKind> only;

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            BuildDatasets.Result r = build(ctx, only);
            System.out.print(DatasetTable.render(r));
            if (!r.skippedTargets().isEmpty()) return ExitCodes.SKIPPED_TARGETS;
        }
        return ExitCodes.OK;
    }

    static BuildDatasets.Result build(JobContext ctx, List<DatasetKind> only) {
        ctx.stage("build-dataset", "building " + (only == null || only.isEmpty() ? "all datasets" : only));
        BuildDatasets action = BuildDatasets.with(ctx.spark, ctx.config).runId(ctx.runId);
        if (only != null && !only.isEmpty()) action.kinds(only.toArray(DatasetKind[]::new));
        BuildDatasets.Result r = action.execute();
        r.datasets().forEach(d -> ctx.stage("build-dataset", d.manifest().dataset() + ": " + d.manifest().rows() + " rows "
                + (d.skipped() ? "(unchanged, kept)" : "written") + " at " + d.path()));
        r.skippedTargets().forEach((target, why) -> ctx.stage("build-dataset", "skipped " + target + ": " + why));
        return r;
    }
}
