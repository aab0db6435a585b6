package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.ingest.IngestJob;
import com.alphaleak.ingest.LiveCredentials;
import com.alphaleak.ingest.LiveDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code alphaleak ingest}: the live PostgreSQL history into the Delta input tables ({@link IngestJob}).
 * Credentials are resolved before Spark starts, so a missing variable is exit 2 at once.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read the live PostgreSQL tables configured under ingest.sources into the Delta input tables:",
                "append/upsert sources incrementally by watermark, snapshot sources as change captures stamped with",
                "the capture time. Each table is one Delta commit holding its rows and its new position; a re-run or",
                "a run after a crash neither duplicates nor skips rows. The user and password come from the",
                "environment (ALPHALEAK_PG_USER, ALPHALEAK_PG_PASSWORD by default) or ingest.secrets-file."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source (a key of ingest.sources). Repeatable.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--known-at", paramLabel = "INSTANT",
            description = "Capture time stamped on snapshot rows (ISO-8601), e.g. a scheduler's logical time or a replayed "
                    + "sample clock; must be after the table's last capture. Default: the time the read finished.")
    String knownAt;

    @Override
    public Integer call() {
        AlphaLeakConfig c = config.load();
        Instant at = null;
        if (knownAt != null) {
            try {
                at = Instant.parse(knownAt);
            } catch (DateTimeParseException e) {
                throw new ConfigValidationException(List.of("--known-at must be an ISO-8601 instant such as 2026-01-20T00:00:00Z, found '" + knownAt + "'"));
            }
        }
        LiveDatabase db = LiveDatabase.of(c.ingest(), LiveCredentials.resolve(c.ingest(), System.getenv()));
        try (JobContext ctx = JobContext.start(c)) {
            ctx.stage("ingest", "reading " + LiveDatabase.hostOf(db.url()) + " as " + db.credentials().user());
            IngestJob job = IngestJob.with(ctx.spark, c.ingest(), db).only(sources);
            if (at != null) job.knownAt(at);
            IngestJob.Result r = job.execute();
            System.out.println(String.format("%-18s %-18s %-9s %10s %10s  %s", "source", "table", "mode", "rows", "read", "position"));
            for (IngestJob.SourceResult s : r.sources()) {
                System.out.println(String.format("%-18s %-18s %-9s %10d %10d  %s", s.source(), s.table(), s.mode().configName(),
                        s.rows(), s.liveRows(), s.position()));
            }
            ctx.stage("ingest", "done");
        }
        return ExitCodes.OK;
    }
}
