package com.alphaleak.monitor;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * The monitor's Delta history: one row per model per run, appended (one commit per run). The
 * retrain cycle ({@code run --if-drift}) reads the newest row per model
 * ({@link #latestDecisions}) and retrains only the models whose last decision is retrain.
 */
public final class MonitorHistory {
    private MonitorHistory() {}

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("as_of", DataTypes.TimestampType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("decision", DataTypes.StringType, false)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("window_start", DataTypes.TimestampType, true)
            .add("window_end", DataTypes.TimestampType, true)
            .add("scored_signals", DataTypes.LongType, true)
            .add("matured_signals", DataTypes.LongType, true)
            .add("positives", DataTypes.LongType, true)
            .add("mean_predicted", DataTypes.DoubleType, true)
            .add("observed_rate", DataTypes.DoubleType, true)
            .add("citl_difference", DataTypes.DoubleType, true)
            .add("ece", DataTypes.DoubleType, true)
            .add("pr_auc", DataTypes.DoubleType, true)
            .add("sidecar_pr_auc", DataTypes.DoubleType, true)
            .add("max_psi", DataTypes.DoubleType, true)
            .add("max_psi_feature", DataTypes.StringType, true)
            .add("report_json", DataTypes.StringType, false);

    /** The rows of one run (one per model); the newest window's metrics in columns, all of it as JSON. */
    public static List<Row> rows(MonitorReport report, Instant recordedAt) {
        List<Row> out = new ArrayList<>();
        for (ModelReport m : report.models()) {
            WindowMetrics w = m.latest();
            CalibrationInTheLarge c = w == null ? null : w.calibration();
            out.add(RowFactory.create(report.runId(), Timestamp.from(Instant.parse(report.asOf())), Timestamp.from(recordedAt),
                    m.modelId(), m.target(), m.decision().json(), m.reasons().toArray(String[]::new),
                    w == null ? null : Timestamp.from(Instant.parse(w.start())),
                    w == null ? null : Timestamp.from(Instant.parse(w.end())),
                    w == null ? null : w.scoredSignals(), w == null ? null : w.maturedSignals(), w == null ? null : w.positives(),
                    c == null ? null : c.meanPredicted(), c == null ? null : c.observedRate(), c == null ? null : c.difference(),
                    w == null ? null : w.ece(), w == null ? null : w.prAuc(), m.sidecarPrAuc(),
                    w == null ? null : w.maxPsi(), w == null ? null : w.maxPsiFeature(), MonitorReport.toJson(m)));
        }
        return out;
    }

    /** Appends the run's rows in one Delta commit; returns the new table version. */
    public static long append(SparkSession spark, String path, MonitorReport report, Instant recordedAt) {
        Dataset<Row> df = spark.createDataFrame(rows(report, recordedAt), SCHEMA);
        df.coalesce(1).write().format("delta").mode(SaveMode.Append).save(path);
        return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
    }

    /** Newest decision per model (greatest as_of, then recorded_at); empty when there is no history. */
    public static Map<String, Decision> latestDecisions(SparkSession spark, String path) {
        Map<String, Decision> out = new LinkedHashMap<>();
        if (!DeltaTable.isDeltaTable(spark, path)) return out;
        Dataset<Row> h = spark.read().format("delta").load(path);
        var w = Window.partitionBy("model_id").orderBy(col("as_of").desc(), col("recorded_at").desc());
        for (Row r : h.withColumn("__rn", row_number().over(w)).filter(col("__rn").equalTo(1))
                .select("model_id", "decision").orderBy("model_id").collectAsList()) {
            out.put(r.getString(0), Decision.parse(r.getString(1)));
        }
        return out;
    }

    /** Targets of the models whose newest recorded decision is retrain (what {@code run --if-drift} retrains). */
    public static List<String> targetsToRetrain(SparkSession spark, String path) {
        List<String> models = modelsToRetrain(spark, path);
        if (models.isEmpty()) return List.of();
        return spark.read().format("delta").load(path).filter(col("model_id").isin(models.toArray()))
                .select("target").distinct().orderBy("target").collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    /** Models whose newest recorded decision is retrain: what {@code run --if-drift} retrains. */
    public static List<String> modelsToRetrain(SparkSession spark, String path) {
        return latestDecisions(spark, path).entrySet().stream().filter(e -> e.getValue() == Decision.RETRAIN)
                .map(Map.Entry::getKey).toList();
    }
}
