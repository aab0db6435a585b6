package com.alphaleak.clusterit;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.model.ModelSidecar;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * What the inference hosts do between a sync and the next monitor run, for the signal model: score
 * signals with the synced ONNX file (ONNX Runtime, the sidecar's feature order) and write
 * {@code live/scored_signals} and {@code live/matured_outcomes} under the work root, where the
 * monitor's defaults look. The signals are the validation split of the run's signal dataset and
 * their outcomes are its labels, matured one horizon after the signal.
 */
final class LiveTables {
    static final String STEM = "reach_2x_1h";

    record Written(String modelId, long scored, Instant asOf) {}

    private LiveTables() {}

    static String modelId(Path sidecar) throws IOException {
        return ModelSidecar.fromJson(Files.readString(sidecar)).modelId();
    }

    static Written scoreAndWrite(SparkSession spark, Path hostDir, String workRoot) throws Exception {
        ModelSidecar sidecar = ModelSidecar.fromJson(Files.readString(hostDir.resolve(STEM + "_metadata.json")));
        List<String> features = sidecar.featureNames();
        String target = sidecar.target();
        List<Column> select = new ArrayList<>(List.of(col("signal_id"), col("signal_time"), col(target).cast("int")));
        for (String f : features) select.add(col(f).cast("double"));
        List<Row> rows = spark.read().format("delta").load(workRoot + "/datasets/signal")
                .filter(col("split").equalTo("validation").and(col(target).isNotNull()))
                .select(select.toArray(Column[]::new)).orderBy("signal_time", "signal_id").collectAsList();
        int n = rows.size();
        double[][] x = new double[n][features.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features.size(); j++) x[i][j] = rows.get(i).isNullAt(3 + j) ? Double.NaN : rows.get(i).getDouble(3 + j);
        }
        double[] p = score(hostDir.resolve(STEM + ".onnx"), x);

        Duration horizon = TargetSpec.parse(target).horizon().duration();
        StructType scoredSchema = new StructType().add("signal_id", DataTypes.StringType, false)
                .add("model_id", DataTypes.StringType, false).add("target", DataTypes.StringType, false)
                .add("scored_at", DataTypes.TimestampType, false).add("calibrated_probability", DataTypes.DoubleType, false);
        for (String f : features) scoredSchema = scoredSchema.add(f, DataTypes.DoubleType, true);
        StructType outcomeSchema = new StructType().add("signal_id", DataTypes.StringType, false)
                .add("target", DataTypes.StringType, false).add("label", DataTypes.IntegerType, false)
                .add("matured_at", DataTypes.TimestampType, false);
        List<Row> scored = new ArrayList<>(n);
        List<Row> outcomes = new ArrayList<>(n);
        Instant newest = Instant.EPOCH;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            Timestamp at = r.getTimestamp(1);
            Object[] v = new Object[5 + features.size()];
            v[0] = r.getString(0);
            v[1] = sidecar.modelId();
            v[2] = target;
            v[3] = at;
            v[4] = p[i];
            for (int j = 0; j < features.size(); j++) v[5 + j] = r.isNullAt(3 + j) ? null : r.getDouble(3 + j);
            scored.add(RowFactory.create(v));
            outcomes.add(RowFactory.create(r.getString(0), target, r.getInt(2), Timestamp.from(at.toInstant().plus(horizon))));
            if (at.toInstant().isAfter(newest)) newest = at.toInstant();
        }
        spark.createDataFrame(scored, scoredSchema).coalesce(1).write().format("delta").mode("overwrite")
                .save(workRoot + "/live/scored_signals");
        spark.createDataFrame(outcomes, outcomeSchema).coalesce(1).write().format("delta").mode("overwrite")
                .save(workRoot + "/live/matured_outcomes");
        // The monitor looks at windows that end a horizon before as-of: a day after the last signal covers the period.
        return new Written(sidecar.modelId(), n, newest.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS));
    }

    /** ONNX Runtime on one thread, as the hosts score: the graph's calibrated_probability output. */
    private static double[] score(Path onnx, double[][] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx.toString(), o);
                 OnnxTensor in = OnnxTensor.createTensor(env, x);
                 OrtSession.Result r = session.run(Map.of("features", in))) {
                double[][] out = (double[][]) r.get("calibrated_probability").orElseThrow().getValue();
                double[] p = new double[x.length];
                for (int i = 0; i < p.length; i++) p[i] = out[i][0];
                return p;
            }
        }
    }
}
