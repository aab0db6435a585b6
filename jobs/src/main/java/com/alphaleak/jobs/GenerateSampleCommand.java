package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.ingest.LiveCredentials;
import com.alphaleak.ingest.LiveDatabase;
import com.alphaleak.ingest.live.LiveWorldLoader;
import com.alphaleak.sample.SampleWorldGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Writes the seeded sample world to the configured input-table locations, or into a live-style PostgreSQL schema. */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = {"Generate the deterministic sample world (all input tables, Delta) at the configured table locations.",
                "Size with --set sample.signals=N; the same run.seed gives the same tables.",
                "--to postgres: write it instead into the live-style schema at ingest.url (the world's Delta tables go to",
                "<run.work-dir>/live-sample), as the live system would hold it at --until: history rows inserted, outcomes",
                "observed so far, feature tables holding each key's latest state. Run again with a later --until to move",
                "the simulated clock; `ingest` then reads it like the live database."})
final class GenerateSampleCommand implements Callable<Integer> {
    /** Where the sample goes. */
    enum Destination { DELTA, POSTGRES }

    @Mixin
    ConfigOptions config;

    @Option(names = "--to", paramLabel = "DESTINATION", description = "delta (default) or postgres.")
    Destination to = Destination.DELTA;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "With --to postgres: the simulated instant the live tables are brought to (default: the world's end).")
    String until;

    @Override
    public Integer call() {
        if (to == Destination.POSTGRES) return toPostgres();
        try (JobContext ctx = JobContext.start(config.load())) {
            SampleWorldGenerator.Result r = generate(ctx);
            System.out.println("Sample world written under " + ctx.config.tables().signals().path().map(p -> p.replaceAll("/signals$", "")).orElse("(catalog)"));
            System.out.println(r);
        }
        return ExitCodes.OK;
    }

    private int toPostgres() {
        AlphaLeakConfig base = config.load();
        Map<String, String> overrides = new LinkedHashMap<>(config.overrides);
        overrides.put("tables.root", base.run().workDir() + "/live-sample");
        AlphaLeakConfig world = ConfigLoader.load(Optional.ofNullable(config.profile), overrides);
        Instant at = null;
        if (until != null) {
            try {
                at = Instant.parse(until);
            } catch (DateTimeParseException e) {
                throw new ConfigValidationException(List.of("--until must be an ISO-8601 instant such as 2026-01-12T00:00:00Z, found '" + until + "'"));
            }
        }
        LiveDatabase db = LiveDatabase.of(base.ingest(), LiveCredentials.resolve(base.ingest(), System.getenv()));
        try (JobContext ctx = JobContext.start(world)) {
            SampleWorldGenerator.Result r = generate(ctx);
            Instant clock = at != null ? at : r.now();
            LiveWorldLoader loader = new LiveWorldLoader(ctx.spark, db, world.tables());
            loader.createSchema();
            loader.advanceTo(clock);
            ctx.stage("generate-sample", "live-style schema at " + LiveDatabase.hostOf(db.url()) + " brought to " + clock);
            System.out.println("Sample world in PostgreSQL " + LiveDatabase.hostOf(db.url()) + " as of " + clock
                    + " (world's end " + r.now() + "); its Delta copy under " + base.run().workDir() + "/live-sample");
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
