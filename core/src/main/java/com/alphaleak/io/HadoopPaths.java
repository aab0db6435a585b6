package com.alphaleak.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Small Hadoop FileSystem helpers that work for local paths and s3a:// alike. */
public final class HadoopPaths {
    private HadoopPaths() {}

    public static FileSystem fs(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open file system of " + path, e);
        }
    }

    public static boolean exists(SparkSession spark, String path) {
        try {
            return fs(spark, path).exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes into a sibling staging directory, then swaps it in place of {@code path}. The old
     * content stays untouched until the new content is complete.
     */
    public static void writeStagedThenSwap(SparkSession spark, String path, Consumer<String> write) {
        FileSystem fs = fs(spark, path);
        Path target = new Path(path);
        Path staged = new Path(target.getParent(), "." + target.getName() + ".staging-" + System.nanoTime());
        Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + System.nanoTime());
        try {
            write.accept(staged.toString());
            boolean hadOld = fs.exists(target);
            if (hadOld && !fs.rename(target, old)) throw new IOException("cannot move " + target + " aside");
            if (!fs.rename(staged, target)) {
                if (hadOld) fs.rename(old, target);
                throw new IOException("cannot move " + staged + " to " + target);
            }
            if (hadOld) fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                if (fs.exists(staged)) fs.delete(staged, true);
            } catch (IOException ignored) {
                // best effort: a leftover staging directory is harmless and named as such
            }
        }
    }

    /**
     * Writes a small file: to a temporary sibling, then renamed over {@code path}, so a reader
     * never sees a partial file (rename is atomic on HDFS and local file systems; on S3A a single
     * small PUT is). Creates the parent directory when missing.
     */
    public static void writeReplacing(SparkSession spark, String path, byte[] bytes) {
        FileSystem fs = fs(spark, path);
        Path target = new Path(path);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + System.nanoTime());
        try {
            fs.mkdirs(target.getParent());
            try (org.apache.hadoop.fs.FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            if (fs.exists(target)) fs.delete(target, false);
            if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
