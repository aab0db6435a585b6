package com.alphaleak.clusterit;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The harness's own view of the object store: a local Spark session (Delta, S3A) in this JVM that
 * reads what the cluster wrote and writes what inference hosts would write (the live tables).
 * The keys are set on this session's Hadoop configuration only, in memory.
 */
final class HarnessSpark implements AutoCloseable {
    private final SparkSession spark;

    HarnessSpark(String endpoint, Credentials keys) {
        spark = SparkSession.builder().master("local[1]").appName("cluster-smoke-harness")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.hadoop.fs.s3a.endpoint", endpoint)
                .config("spark.hadoop.fs.s3a.path.style.access", "true")
                .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .config("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                .config("spark.hadoop.fs.s3a.access.key", keys.accessKey())
                .config("spark.hadoop.fs.s3a.secret.key", keys.secretKey())
                .getOrCreate();
    }

    SparkSession spark() {
        return spark;
    }

    /** The {@code worker} column of every trial of the run, as the search recorded it. */
    List<String> trialWorkers(String trialsTable, String runId) {
        return spark.read().format("delta").load(trialsTable).filter(col("run_id").equalTo(runId))
                .orderBy("dataset", "target", "trial").select("worker").collectAsList().stream()
                .map(r -> r.isNullAt(0) ? null : r.getString(0)).toList();
    }

    long count(String deltaTable) {
        return spark.read().format("delta").load(deltaTable).count();
    }

    byte[] readAll(String uri) {
        try {
            FileSystem fs = FileSystem.get(URI.create(uri), spark.sparkContext().hadoopConfiguration());
            try (FSDataInputStream in = fs.open(new Path(uri))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    boolean exists(String uri) {
        try {
            return FileSystem.get(URI.create(uri), spark.sparkContext().hadoopConfiguration()).exists(new Path(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + uri, e);
        }
    }

    String readText(String uri) {
        return new String(readAll(uri), StandardCharsets.UTF_8);
    }

    List<Row> rows(String deltaTable) {
        return spark.read().format("delta").load(deltaTable).collectAsList();
    }

    @Override
    public void close() {
        spark.stop();
    }
}
