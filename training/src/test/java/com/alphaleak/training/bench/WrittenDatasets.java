package com.alphaleak.training.bench;

import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.dataset.ManifestFiles;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** What the benchmarks over a dataset written by build-dataset share: a local Delta session, the manifest, the targets. */
final class WrittenDatasets {
    private WrittenDatasets() {}

    /** Local Spark on 2 cores with Delta, no UI. */
    static SparkSession localDelta(String appName) {
        return SparkSession.builder().master("local[2]").appName(appName).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog").getOrCreate();
    }

    static DatasetManifest manifest(SparkSession spark, String path) {
        return ManifestFiles.read(spark, path).orElseThrow(() -> new IllegalArgumentException("no dataset at " + path));
    }

    /** The comma-separated targets of {@code arg} (null: every target of the manifest), without the ones the build skipped. */
    static List<String> targets(DatasetManifest m, String arg) {
        List<String> targets = arg != null ? new ArrayList<>(List.of(arg.split(","))) : new ArrayList<>(m.targets());
        targets.removeAll(m.skippedTargets().keySet());
        return targets;
    }
}
