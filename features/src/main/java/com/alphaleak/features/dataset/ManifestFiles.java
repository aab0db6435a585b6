package com.alphaleak.features.dataset;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads and writes {@code _manifest.json} beside a table, through Hadoop (local or s3a://). */
public final class ManifestFiles {
    private ManifestFiles() {}

    public static Optional<DatasetManifest> read(SparkSession spark, String tablePath) {
        Path p = new Path(tablePath, DatasetManifest.FILE_NAME);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) return Optional.empty();
            try (var in = fs.open(p)) {
                return Optional.of(DatasetManifest.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /**
     * Writes a temporary file and renames it over the manifest, so a reader never sees a partial
     * file (rename is atomic on HDFS and local file systems; on S3A a single small PUT is atomic).
     */
    static void write(SparkSession spark, String tablePath, DatasetManifest manifest) {
        Path target = new Path(tablePath, DatasetManifest.FILE_NAME);
        Path tmp = new Path(tablePath, "." + DatasetManifest.FILE_NAME + ".tmp-" + System.nanoTime());
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) fs.delete(target, false);
            if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
