package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.config.MonitorConfig;
import com.alphaleak.monitor.ModelMonitor;
import com.alphaleak.monitor.MonitorSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code alphaleak monitor}: drift detection on live outcomes ({@link ModelMonitor}). Exit 0
 * healthy / watch / insufficient data, 10 retrain recommended; bad configuration (2) and bad
 * input (3) come from the exceptions, mapped by {@link AlphaLeakCli}.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Compare live calibrated probabilities with matured outcomes, check feature drift against the",
                "training histograms, and decide per model: healthy, watch, retrain or insufficient_data.",
                "Writes monitor.report (JSON) and appends monitor.history (Delta). See docs/monitoring.md.",
                "Exits 10 when retraining is recommended for at least one model (0 with --zero-exit-on-retrain)."})
final class MonitorCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Evaluate as of this ISO-8601 instant (default: monitor.as-of, else now). Outcomes matured later are ignored.")
    String asOf;

    @Option(names = "--zero-exit-on-retrain",
            description = "Exit 0 instead of 10 when retraining is recommended, for schedulers that fail a task on any non-zero exit "
                    + "(spark-submit in cluster mode, Airflow's SparkSubmitOperator); run --if-drift reads the decision from monitor.history.")
    boolean zeroExitOnRetrain;

    @Override
    public Integer call() {
        AlphaLeakConfig base = config.load();
        MonitorConfig cfg = base.monitor();
        if (asOf != null) {
            try {
                cfg = cfg.withAsOf(Instant.parse(asOf));
            } catch (DateTimeParseException e) {
                throw new ConfigValidationException(List.of("--as-of must be an ISO-8601 instant such as 2026-01-20T00:00:00Z, found '" + asOf + "'"));
            }
        }
        try (JobContext ctx = JobContext.start(base)) {
            ModelMonitor.Result r = ModelMonitor.builder(ctx.spark).config(cfg).runId(base.run().id().orElse(null)).execute();
            System.out.print(MonitorSummary.render(r));
            System.out.println("report " + cfg.report() + ", history " + cfg.history() + " (version " + r.historyVersion() + ")");
            return zeroExitOnRetrain && r.exitCode() == ExitCodes.RETRAIN_RECOMMENDED ? ExitCodes.OK : r.exitCode();
        }
    }
}
