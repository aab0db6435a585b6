package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.sample.SampleWorldGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Writes the seeded sample world to the configured input-table locations. */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = {"Generate the deterministic sample world (all input tables, Delta) at the configured table locations.",
                "Size with --set sample.signals=N; the same run.seed gives the same tables."})
final class GenerateSampleCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        try (JobContext ctx = JobContext.start(config.load())) {
            SampleWorldGenerator.Result r = generate(ctx);
            System.out.println("Sample world written under " + ctx.config.tables().signals().path().map(p -> p.replaceAll("/signals$", "")).orElse("(catalog)"));
            System.out.println(r);
        }
        return ExitCodes.OK;
    }

    static SampleWorldGenerator.Result generate(JobContext ctx) {
        ctx.stage("generate-sample", "generating " + ctx.config.sample().signals() + " signals, seed " + ctx.config.run().seed());
        SampleWorldGenerator.Result r = SampleWorldGenerator.builder(ctx.spark)
                .sample(ctx.config.sample())
                .seed(ctx.config.run().seed())
                .tables(ctx.config.tables())
                .execute();
        ctx.stage("generate-sample", "done");
        return r;
    }
}
