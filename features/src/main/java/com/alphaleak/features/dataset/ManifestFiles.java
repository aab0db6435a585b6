package com.alphaleak.features.dataset;

import org.apache.hadoop.fs.FileSystem;
import com.alphaleak.io.HadoopPaths;
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
        HadoopPaths.writeReplacing(spark, new Path(tablePath, DatasetManifest.FILE_NAME).toString(),
                manifest.toJson().getBytes(StandardCharsets.UTF_8));
    }

}
