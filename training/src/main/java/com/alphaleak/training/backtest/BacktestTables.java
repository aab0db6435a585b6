package com.alphaleak.training.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The backtest's two Delta tables. {@code scored}: one row per (signal, model), the columns the
 * monitor's alert bands read ({@code MonitorContracts.BACKTEST}: signal_id, model_id, target,
 * scored_at, calibrated_probability, label) plus where each row came from. {@code windows}: one row
 * per (model, window) with its metrics. Writing a model replaces all of that model's rows of a
 * table in one Delta commit (a MERGE, like the trial history), so re-running with the same inputs
 * adds no rows and a backtest that dies leaves the tables as they were.
 */
public final class BacktestTables {
    public static final StructType SCORED = new StructType()
            .add("signal_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("scored_at", DataTypes.TimestampType, false)
            .add("calibrated_probability", DataTypes.DoubleType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("model", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("window", DataTypes.IntegerType, false)
            .add("backtest_run", DataTypes.StringType, false);

    private static final StructType THRESHOLD = new StructType()
            .add("threshold", DataTypes.DoubleType, false)
            .add("signals", DataTypes.LongType, false)
            .add("hits", DataTypes.LongType, false)
            .add("precision", DataTypes.DoubleType, true)
            .add("wilson_low", DataTypes.DoubleType, false)
            .add("wilson_high", DataTypes.DoubleType, false);

    public static final StructType WINDOWS = new StructType()
            .add("model_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("window", DataTypes.IntegerType, false)
            .add("window_from", DataTypes.TimestampType, false)
            .add("window_to", DataTypes.TimestampType, false)
            .add("train_rows", DataTypes.IntegerType, false)
            .add("validation_rows", DataTypes.IntegerType, false)
            .add("rows", DataTypes.IntegerType, false)
            .add("positives", DataTypes.LongType, false)
            .add("pr_auc", DataTypes.DoubleType, true)
            .add("ece", DataTypes.DoubleType, true)
            .add("mean_predicted", DataTypes.DoubleType, true)
            .add("observed_rate", DataTypes.DoubleType, true)
            .add("citl_difference", DataTypes.DoubleType, true)
            .add("thresholds", DataTypes.createArrayType(THRESHOLD, false), false)
            .add("best_iteration", DataTypes.IntegerType, false)
            .add("scale_pos_weight", DataTypes.DoubleType, true)
            .add("params_source", DataTypes.StringType, false)
            .add("params_json", DataTypes.StringType, false)
            .add("skipped", DataTypes.StringType, true)
            .add("backtest_run", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false);

    private static final ObjectMapper JSON = new ObjectMapper();

    private BacktestTables() {}

    /** Which model the rows stand for and where they came from. */
    public record Model(String modelId, String model, String dataset, String target, String backtestRun) {}

    /** Replaces the model's rows in both tables (one commit each). */
    public static void write(SparkSession spark, String scoredPath, String windowsPath, Model m, BacktestRows rows,
                             List<WindowResult> windows) {
        List<Row> scored = new ArrayList<>();
        List<Row> metrics = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (WindowResult w : windows) {
            int start = startRow(rows, w);
            for (int i = 0; i < w.probabilities().length; i++) {
                int r = start + i;
                scored.add(RowFactory.create(rows.ids()[r], m.modelId(), m.target(), timestamp(rows.timesMicros()[r]),
                        w.probabilities()[i], rows.matrix().labels()[r], m.model(), m.dataset(), w.index(), m.backtestRun()));
            }
            List<Row> th = new ArrayList<>();
            for (ThresholdHits t : w.thresholds()) {
                th.add(RowFactory.create(t.threshold(), t.signals(), t.hits(), nan(t.precision()), t.wilsonLow(), t.wilsonHigh()));
            }
            metrics.add(RowFactory.create(m.modelId(), m.model(), m.dataset(), m.target(), w.index(), timestamp(w.fromMicros()),
                    timestamp(w.toMicros()), w.trainRows(), w.validationRows(), w.rows(), w.positives(), nan(w.prAuc()), nan(w.ece()),
                    nan(w.meanPredicted()), nan(w.observedRate()), nan(w.citlDifference()), th,
                    w.bestIteration(), nan(w.scalePosWeight()), w.paramsSource(), json(w), w.skipped(), m.backtestRun(), now));
        }
        replace(spark, spark.createDataFrame(scored, SCORED), scoredPath, m.modelId(), List.of("model_id", "signal_id"));
        replace(spark, spark.createDataFrame(metrics, WINDOWS), windowsPath, m.modelId(), List.of("model_id", "window"));
    }

    private static int startRow(BacktestRows rows, WindowResult w) {
        // the window's first row: the first row at its start time (windows never split equal times)
        long[] t = rows.timesMicros();
        int lo = 0, hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < w.fromMicros()) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void replace(SparkSession spark, Dataset<Row> df, String path, String modelId, List<String> key) {
        df = df.coalesce(1);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            df.write().format("delta").mode("append").save(path);
            return;
        }
        Column same = null;
        for (String k : key) {
            Column c = col("h." + k).equalTo(col("n." + k));
            same = same == null ? c : same.and(c);
        }
        // Literal model id, never SQL text: no value of it can widen the replacement to other models.
        DeltaTable.forPath(spark, path).as("h").merge(df.as("n"), same)
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .whenNotMatchedBySource(col("h.model_id").equalTo(lit(modelId))).delete()
                .execute();
    }

    private static Timestamp timestamp(long micros) {
        Timestamp ts = new Timestamp(Math.floorDiv(micros, 1000));
        ts.setNanos((int) Math.floorMod(micros, 1_000_000) * 1000);
        return ts;
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String json(WindowResult w) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(w.params()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
