package com.alphaleak.training.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The Delta table of every trial of every search: one row per trial, keyed by
 * (run_id, dataset, target, trial). Writing a search replaces that run's rows for the
 * (dataset, target) in one Delta commit, so re-running a run is idempotent and a run that dies
 * before writing leaves the table as it was.
 *
 * <p>Which rows are replaced is decided by Column expressions with literal values, never by SQL
 * text assembled from the run id: a run id, dataset or target is data, and no value of them can
 * widen the replacement to other runs' rows.
 *
 * <p>{@code status} is COMPLETE, PRUNED (stopped at the rung iteration {@code pruned_at_step}, with
 * {@code value} its best PR-AUC so far) or FAILED. Tables written before {@code pruned_at_step}
 * existed gain the column on the next write (MERGE with schema evolution; their rows read null).
 */
public final class TrialHistory {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("trial", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, true)
            .add("best_iteration", DataTypes.IntegerType, false)
            .add("iterations", DataTypes.IntegerType, false)
            .add("duration_ms", DataTypes.LongType, false)
            .add("worker", DataTypes.StringType, true)
            .add("attempts", DataTypes.IntegerType, false)
            .add("error", DataTypes.StringType, true)
            .add("params_json", DataTypes.StringType, false)
            .add("mode", DataTypes.StringType, false)
            .add("scale_pos_weight", DataTypes.DoubleType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("pruned_at_step", DataTypes.IntegerType, true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final String path;

    public TrialHistory(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /**
     * Replaces the rows of ({@code runId}, {@code dataset}, {@code target}) with {@code trials}.
     * Writers in one JVM (targets trained at once) take turns: a MERGE that reads the table conflicts
     * with any commit made while it runs, and the first write creates the table.
     */
    public void write(String runId, String dataset, String target, String mode, double scalePosWeight, List<TrialResult> trials) {
        synchronized (WRITERS.computeIfAbsent(path, p -> new Object())) {
            writeAlone(runId, dataset, target, mode, scalePosWeight, trials);
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Object> WRITERS = new java.util.concurrent.ConcurrentHashMap<>();

    private void writeAlone(String runId, String dataset, String target, String mode, double scalePosWeight, List<TrialResult> trials) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (TrialResult t : trials) {
            rows.add(RowFactory.create(runId, dataset, target, t.number(), t.status().name(),
                    t.failed() ? null : t.value(), t.bestIteration(), t.iterations(), t.durationMs(), t.worker(),
                    t.attempts(), t.error(), toJson(t.params()), mode, scalePosWeight, now,
                    t.pruned() ? t.prunedAtStep() : null));
        }
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).coalesce(1);
        if (!exists()) {
            df.write().format("delta").mode("append").save(path);
            return;
        }
        // One MERGE = one commit: this search's trials are updated or inserted, and rows of the same
        // (run, dataset, target) that the search no longer has are deleted; nothing else is touched.
        Column sameKey = col("h.run_id").equalTo(col("n.run_id")).and(col("h.dataset").equalTo(col("n.dataset")))
                .and(col("h.target").equalTo(col("n.target"))).and(col("h.trial").equalTo(col("n.trial")));
        Column thisSearch = col("h.run_id").equalTo(lit(runId)).and(col("h.dataset").equalTo(lit(dataset)))
                .and(col("h.target").equalTo(lit(target)));
        DeltaTable.forPath(spark, path).as("h").merge(df.as("n"), sameKey)
                .withSchemaEvolution() // adds pruned_at_step to tables written before it
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .whenNotMatchedBySource(thisSearch).delete()
                .execute();
    }

    public boolean exists() {
        return DeltaTable.isDeltaTable(spark, path);
    }

    public Dataset<Row> read() {
        return spark.read().format("delta").load(path);
    }

    /**
     * Parameters of the best complete trial of the most recent earlier run for this dataset and
     * target (runs ordered by their newest recorded_at), or empty when there is none.
     */
    public Optional<Map<String, Object>> previousBest(String dataset, String target, String excludeRunId) {
        return previousTop(dataset, target, excludeRunId, 1).stream().findFirst();
    }

    /**
     * Parameters of the {@code n} best complete trials of the most recent earlier run for this
     * dataset and target, best first (earlier trial on ties); empty when there is none.
     */
    public List<Map<String, Object>> previousTop(String dataset, String target, String excludeRunId, int n) {
        if (!exists()) return List.of();
        Dataset<Row> mine = read().where(col("dataset").equalTo(lit(dataset)).and(col("target").equalTo(lit(target)))
                .and(col("run_id").notEqual(lit(excludeRunId))).and(col("status").equalTo(lit("COMPLETE"))));
        List<Row> latest = mine.groupBy("run_id").agg(org.apache.spark.sql.functions.max("recorded_at").as("at"))
                .orderBy(col("at").desc(), col("run_id").desc()).limit(1).collectAsList();
        if (latest.isEmpty()) return List.of();
        List<Row> best = mine.where(col("run_id").equalTo(lit(latest.get(0).getString(0))))
                .orderBy(col("value").desc(), col("trial").asc()).limit(n).select("params_json").collectAsList();
        return best.stream().map(r -> fromJson(r.getString(0))).toList();
    }

    static String toJson(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable params_json in the trial history: " + json, e);
        }
    }
}
