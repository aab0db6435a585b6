package com.alphaleak.monitor;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.MonitorConfig;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.io.HadoopPaths;
import com.alphaleak.io.TableIO;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * The monitor job: reads the live scored signals and matured outcomes, evaluates every live model
 * over rolling windows, decides healthy / watch / retrain / insufficient_data, writes the JSON
 * report and appends the Delta history.
 *
 * <pre>{@code
 * ModelMonitor.Result r = ModelMonitor.builder(spark).config(monitorConfig).runId("20260120-000000")
 *         .asOf(Instant.parse("2026-01-20T00:00:00Z")).execute();
 * System.exit(r.exitCode());   // 10 = retrain recommended
 * }</pre>
 *
 * <p>Point in time: only signals scored before as-of and outcomes with {@code matured_at <= as-of}
 * are used, so re-running with an old as-of reproduces what the monitor saw then (as long as
 * the live tables are append-only).
 */
public final class ModelMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ModelMonitor.class);
    /** Horizon assumed for targets that are not reach_<M>x_<H> (e.g. a veto model): the longest one. */
    static final Duration DEFAULT_HORIZON = Duration.ofHours(24);

    private final SparkSession spark;
    private MonitorConfig config;
    private String runId;
    private Instant asOf;
    private Map<String, ModelSidecar> sidecars;
    private boolean writeOutputs = true;

    private ModelMonitor(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    public static ModelMonitor builder(SparkSession spark) {
        return new ModelMonitor(spark);
    }

    public ModelMonitor config(MonitorConfig config) {
        this.config = config;
        return this;
    }

    public ModelMonitor runId(String runId) {
        this.runId = runId;
        return this;
    }

    /** Evaluation instant; default: the config's as-of, else now. */
    public ModelMonitor asOf(Instant asOf) {
        this.asOf = asOf;
        return this;
    }

    /** Sidecars by model id instead of reading {@code monitor.models}. */
    public ModelMonitor sidecars(Map<String, ModelSidecar> sidecars) {
        this.sidecars = sidecars;
        return this;
    }

    /** false = compute only: no report file, no history row, no bands file. */
    public ModelMonitor writeOutputs(boolean write) {
        this.writeOutputs = write;
        return this;
    }

    /**
     * @param report        the run's report (also written to {@code monitor.report})
     * @param historyVersion Delta version of the history table after the append, -1 when not written
     */
    public record Result(MonitorReport report, Decision decision, int exitCode, long historyVersion) {}

    public Result execute() {
        Objects.requireNonNull(config, "config");
        Instant now = Instant.now();
        Instant at = asOf != null ? asOf : config.asOf().orElse(now.truncatedTo(ChronoUnit.SECONDS));
        String id = runId != null ? runId : "monitor-" + at.toString().replace(":", "");
        TableIO io = new TableIO(spark);

        Dataset<Row> scored = read(io, config.scoredSignals(), "scored-signals");
        MonitorContracts.validateScoredSignals(scored);
        Dataset<Row> outcomes = read(io, config.maturedOutcomes(), "matured-outcomes");
        MonitorContracts.validateMaturedOutcomes(outcomes);

        Timestamp asOfTs = Timestamp.from(at);
        Dataset<Row> known = scored.filter(col("scored_at").lt(lit(asOfTs)));
        Dataset<Row> matured = outcomes.filter(col("matured_at").leq(lit(asOfTs)))
                .select(col("signal_id").as("__o_signal"), col("target").as("__o_target"), col("label"));
        Dataset<Row> joined = known.drop("label").join(matured,
                        col("signal_id").equalTo(col("__o_signal")).and(col("target").equalTo(col("__o_target"))), "left")
                .drop("__o_signal", "__o_target");

        List<Row> models = known.groupBy("model_id").agg(countDistinct("target").as("targets"),
                org.apache.spark.sql.functions.first("target").as("target")).orderBy("model_id").collectAsList();
        List<String> multi = models.stream().filter(r -> r.getLong(1) > 1).map(r -> r.getString(0)).toList();
        if (!multi.isEmpty()) {
            throw new DataContractException(MonitorContracts.SCORED_SIGNALS.name(),
                    List.of("model_id with more than one target (a model predicts one target): " + multi));
        }
        Map<String, ModelSidecar> cars = sidecars != null ? sidecars : deployedSidecars(config.models());
        Dataset<Row> backtest = null;
        if (config.backtest().isPresent() && io.exists(config.backtest().get())) {
            backtest = io.readRaw(config.backtest().get());
            MonitorContracts.validateBacktest(backtest);
        }

        List<ModelReport> reports = new ArrayList<>();
        Decision overall = Decision.HEALTHY;
        for (Row m : models) {
            String modelId = m.getString(0);
            String target = m.getString(2);
            ModelSidecar sidecar = cars.get(modelId);
            if (sidecar == null) LOG.warn("no sidecar for model {} under {}: no PSI, no PR-AUC reference", modelId, config.models());
            Duration lag = horizon(target).plus(config.maturityGrace());
            RollingWindows windows = RollingWindows.ending(at.minus(lag), config.window(), config.step(), config.windows());
            Bands b = bands(modelId, target, sidecar, backtest);
            ModelContext ctx = new ModelContext(modelId, target, sidecar, b.bands, b.source);
            Dataset<Row> rows = joined.filter(col("model_id").equalTo(modelId));
            List<ModelSidecar.FeatureDistribution> present = SlotCollector.present(scored, MonitorContracts.SCORED_SIGNALS.name(), sidecar);
            List<String> monitored = present.stream().map(ModelSidecar.FeatureDistribution::feature).toList();
            List<String> missing = sidecar == null || sidecar.featureDistributions() == null ? List.of()
                    : sidecar.featureDistributions().stream().map(ModelSidecar.FeatureDistribution::feature)
                    .filter(f -> !monitored.contains(f)).toList();
            SlotData[] slots = SlotCollector.collect(rows, windows, present);
            ModelReport report = ModelReport.evaluate(ctx, windows, slots, config, monitored, missing);
            LOG.info("model {} ({}): {} {}", modelId, target, report.decision().json(), report.reasons());
            reports.add(report);
            overall = Decision.worst(overall, report.decision());
        }
        if (reports.isEmpty()) overall = Decision.INSUFFICIENT_DATA;
        int exit = overall == Decision.RETRAIN ? ExitCodes.RETRAIN_RECOMMENDED : ExitCodes.OK;
        MonitorReport report = new MonitorReport(MonitorReport.VERSION, id, at.toString(), now.toString(), overall, exit,
                settings(), reports);
        long version = -1;
        if (writeOutputs) {
            writeText(config.report(), report.toJson());
            version = MonitorHistory.append(spark, config.history(), report, now);
        }
        return new Result(report, overall, exit, version);
    }

    private static Dataset<Row> read(TableIO io, TableLocation loc, String key) {
        if (!io.exists(loc)) {
            throw new DataContractException(loc.name(), List.of("table not found at " + loc.describe()
                    + " (monitor." + key + ")"));
        }
        return io.readRaw(loc);
    }

    static Duration horizon(String target) {
        try {
            return TargetSpec.parse(target).horizon().duration();
        } catch (IllegalArgumentException e) {
            return DEFAULT_HORIZON;
        }
    }

    private record Bands(AlertBands bands, String source) {}

    /** Saved bands for this window shape, else bands from the backtest (saved for next time), else none. */
    private Bands bands(String modelId, String target, ModelSidecar sidecar, Dataset<Row> backtest) {
        String file = config.bandsDir() + "/" + AlertBands.fileName(modelId);
        if (HadoopPaths.exists(spark, file)) {
            AlertBands b = AlertBands.fromJson(readText(file));
            if (config.window().toString().equals(b.window()) && config.step().toString().equals(b.step()) && b.k() == config.bandK()) {
                return new Bands(b, "file");
            }
            LOG.warn("alert bands {} were computed for window {} step {} k {}; recomputing", file, b.window(), b.step(), b.k());
        }
        if (backtest == null) return new Bands(null, null);
        Dataset<Row> rows = backtest.filter(col("model_id").equalTo(modelId));
        Row range = rows.agg(org.apache.spark.sql.functions.min("scored_at"), org.apache.spark.sql.functions.max("scored_at")).head();
        if (range.isNullAt(0)) return new Bands(null, null);
        Instant from = range.getTimestamp(0).toInstant();
        Instant to = range.getTimestamp(1).toInstant().plusMillis(1);
        RollingWindows w = RollingWindows.covering(from, to, config.window(), config.step());
        if (w == null) {
            LOG.warn("backtest of {} spans less than one window ({} .. {}); no alert bands", modelId, from, to);
            return new Bands(null, null);
        }
        SlotData[] slots = SlotCollector.collect(rows, w, List.of());
        ModelContext plain = new ModelContext(modelId, target, sidecar, null, null);
        List<WindowMetrics> ws = ModelReport.evaluate(plain, w, slots, config, List.of(), List.of()).windows();
        AlertBands b = AlertBands.fromWindows(modelId, config.window().toString(), config.step().toString(), ws, config.bandK());
        if (writeOutputs) writeText(file, b.toJson());
        return new Bands(b, "backtest");
    }

    /**
     * Sidecars by model id of the models hosts serve. {@code monitor.models} is the published model
     * store ({@code publish.root} by default): versions are resolved through each target's
     * {@code CURRENT.json} ({@link DeployedModels}), never through the export folder, whose newest
     * model may not be the deployed one. A folder without a store layout is read as a host's synced
     * model folder ({@code sync-models --dest}: {@code <stem>_metadata.json} files side by side).
     */
    public Map<String, ModelSidecar> deployedSidecars(String location) {
        DeployedModels deployed = DeployedModels.read(location, spark.sparkContext().hadoopConfiguration());
        if (!deployed.isEmpty()) return deployed.sidecars();
        Map<String, ModelSidecar> synced = hostFolderSidecars(location);
        if (synced.isEmpty()) {
            LOG.warn("monitor.models = {} holds neither a published model store (<target>/CURRENT.json) nor a host's "
                    + "synced sidecars: no PSI and no PR-AUC reference for any model", location);
        } else {
            LOG.info("monitor.models = {} is a host model folder: {} sidecars", location, synced.size());
        }
        return synced;
    }

    /** {@code <stem>_metadata.json} files directly in a folder (the flat layout sync-models writes), by model id. */
    Map<String, ModelSidecar> hostFolderSidecars(String dir) {
        Map<String, ModelSidecar> out = new LinkedHashMap<>();
        FileSystem fs = HadoopPaths.fs(spark, dir);
        try {
            Path p = new Path(dir);
            if (!fs.exists(p)) return out;
            for (FileStatus s : fs.listStatus(p)) {
                if (s.isFile() && s.getPath().getName().endsWith(ModelSidecar.FILE_SUFFIX) && !s.getPath().getName().startsWith(".")) {
                    ModelSidecar car = ModelSidecar.fromJson(readText(s.getPath().toString()));
                    out.put(car.modelId(), car);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model sidecars in " + dir, e);
        }
        return out;
    }

    private String readText(String path) {
        FileSystem fs = HadoopPaths.fs(spark, path);
        try (var in = fs.open(new Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Writes a small text file: to a temporary sibling, then renamed over the target. */
    private void writeText(String path, String text) {
        HadoopPaths.writeReplacing(spark, path, text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("window", config.window().toString());
        s.put("step", config.step().toString());
        s.put("windows", config.windows());
        s.put("maturity_grace", config.maturityGrace().toString());
        s.put("min_matured_positives", config.minMaturedPositives());
        s.put("min_matured_signals", config.minMaturedSignals());
        s.put("z_watch", config.zWatch());
        s.put("z_act", config.zAct());
        s.put("thresholds", config.thresholds());
        s.put("min_threshold_signals", config.minThresholdSignals());
        s.put("ece_bins", config.eceBins());
        s.put("band_k", config.bandK());
        s.put("pr_auc_relative_drop", config.prAucRelativeDrop());
        s.put("psi_watch", config.psiWatch());
        s.put("psi_act", config.psiAct());
        s.put("min_psi_signals", config.minPsiSignals());
        s.put("confirm_windows", config.confirmWindows());
        return s;
    }
}
