package com.alphaleak.spark;

import com.alphaleak.config.AlphaLeakConfig;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** Builds the one SparkSession of a job, with Delta Lake enabled and UTC session time. */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession create(AlphaLeakConfig.SparkSettings settings) {
        SparkSession.Builder b = SparkSession.builder().appName(settings.appName());
        settings.master().ifPresent(b::master);
        for (Map.Entry<String, String> e : deltaAndDefaults(settings.shufflePartitions()).entrySet()) {
            b.config(e.getKey(), e.getValue());
        }
        settings.conf().forEach(b::config);
        return b.getOrCreate();
    }

    /** Settings every session of this project needs; user {@code spark.conf} entries override them. */
    public static Map<String, String> deltaAndDefaults(int shufflePartitions) {
        return Map.of(
                "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
                "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
                // Point-in-time logic compares instants; a host time zone must never shift them.
                "spark.sql.session.timeZone", "UTC",
                "spark.sql.shuffle.partitions", Integer.toString(shufflePartitions),
                "spark.databricks.delta.snapshotPartitions", "2");
    }
}
