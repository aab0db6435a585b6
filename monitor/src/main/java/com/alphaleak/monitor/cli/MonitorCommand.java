package com.alphaleak.monitor.cli;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.monitor.Decision;
import com.alphaleak.monitor.ModelMonitor;
import com.alphaleak.monitor.ModelReport;
import com.alphaleak.config.MonitorConfig;
import com.alphaleak.monitor.MonitorExitCodes;
import com.alphaleak.monitor.WindowMetrics;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alphaleak monitor}: drift detection on live outcomes. Exit 0 healthy / watch /
 * insufficient data, 10 retrain recommended, 3 bad input, 2 bad configuration, 1 failure.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Compare live calibrated probabilities with matured outcomes, check feature drift against the",
                "training histograms, and decide per model: healthy, watch, retrain or insufficient_data.",
                "Writes monitor.report (JSON) and appends monitor.history (Delta). See docs/monitoring.md."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  healthy, watch or insufficient data", "  1  unexpected failure (see the log)",
                "  2  bad command line or configuration", "  3  an input table breaks its contract (nothing written)",
                " 10  retraining recommended for at least one model"})
public final class MonitorCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON profile layered over the defaults (e.g. conf/local.conf, conf/cluster.conf).")
    Path profile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one setting, relative to 'alphaleak.' (e.g. --set monitor.window=3d). Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Evaluate as of this ISO-8601 instant (default: monitor.as-of, else now). Outcomes matured later are ignored.")
    String asOf;

    @Option(names = "--zero-exit-on-retrain",
            description = "Exit 0 instead of 10 when retraining is recommended, for schedulers that fail a task on any non-zero exit "
                    + "(spark-submit in cluster mode, Airflow's SparkSubmitOperator); run --if-drift reads the decision from monitor.history.")
    boolean zeroExitOnRetrain;

    private SparkSession provided;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Runs on an existing session (tests, notebooks), which is left open. */
    public MonitorCommand withSpark(SparkSession spark) {
        this.provided = spark;
        return this;
    }

    public MonitorCommand withOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        return this;
    }

    @Override
    public Integer call() {
        SparkSession spark = null;
        try {
            AlphaLeakConfig base = ConfigLoader.load(Optional.ofNullable(profile), overrides);
            MonitorConfig cfg = base.monitor();
            if (asOf != null) {
                try {
                    cfg = cfg.withAsOf(Instant.parse(asOf));
                } catch (DateTimeParseException e) {
                    throw new ConfigValidationException(java.util.List.of("--as-of must be an ISO-8601 instant such as 2026-01-20T00:00:00Z, found '" + asOf + "'"));
                }
            }
            spark = provided != null ? provided : session(base);
            ModelMonitor.Result r = ModelMonitor.builder(spark).config(cfg).runId(base.run().id().orElse(null)).execute();
            out.print(summary(r));
            out.println("report " + cfg.report() + ", history " + cfg.history() + " (version " + r.historyVersion() + ")");
            return zeroExitOnRetrain && r.exitCode() == MonitorExitCodes.RETRAIN_RECOMMENDED ? 0 : r.exitCode();
        } catch (ConfigValidationException e) {
            err.println(e.getMessage());
            return MonitorExitCodes.USAGE;
        } catch (DataContractException e) {
            err.println("Bad input, nothing was written. " + e.getMessage());
            return MonitorExitCodes.BAD_INPUT;
        } catch (RuntimeException e) {
            LOG.error("monitor failed", e);
            err.println("monitor failed: " + e);
            return MonitorExitCodes.FAILURE;
        } finally {
            if (spark != null && provided == null) spark.stop();
        }
    }

    private static SparkSession session(AlphaLeakConfig config) {
        AlphaLeakConfig.SparkSettings s = config.spark();
        if (s.master().isEmpty() && System.getProperty("spark.master") == null) {
            s = new AlphaLeakConfig.SparkSettings(Optional.of("local[*]"), s.appName(), s.shufflePartitions(), s.conf());
        }
        return SparkSessions.create(s);
    }

    /** One block per model: decision, newest window's key numbers, reasons. */
    public static String summary(ModelMonitor.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "monitor as of %s: %s (exit %d)%n", r.report().asOf(),
                r.decision().json(), r.exitCode()));
        for (ModelReport m : r.report().models()) {
            WindowMetrics w = m.latest();
            sb.append(String.format(Locale.ROOT, "  %-28s %-10s %s%n", m.modelId(), m.target(), m.decision().json()));
            if (w != null && w.calibration() != null) {
                sb.append(String.format(Locale.ROOT, "    window %s .. %s: %d matured, %d positives, observed %.2f%% vs predicted %.2f%%, ECE %.4f, PR-AUC %s (sidecar %s), max PSI %s%n",
                        w.start(), w.end(), w.maturedSignals(), w.positives(), 100 * w.calibration().observedRate(),
                        100 * w.calibration().meanPredicted(), w.ece(), fmt(w.prAuc()), fmt(m.sidecarPrAuc()), fmt(w.maxPsi())));
            }
            for (String reason : m.reasons()) sb.append("    - ").append(reason).append(System.lineSeparator());
        }
        if (r.decision() == Decision.RETRAIN) sb.append("retraining recommended").append(System.lineSeparator());
        return sb.toString();
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.3f", d);
    }
}
