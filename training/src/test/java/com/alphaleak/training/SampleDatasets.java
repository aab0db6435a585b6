package com.alphaleak.training;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.features.dataset.DatasetWriter;
import com.alphaleak.sample.SampleWorldGenerator;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A small sample world and its written signal training set, for training and export tests. */
public final class SampleDatasets {
    private SampleDatasets() {}

    public static AlphaLeakConfig config(Path workDir, Map<String, String> overrides) {
        Map<String, String> o = new HashMap<>(Map.of(
                "run.work-dir", workDir.toString(),
                "sample.signals", "3000", "sample.days", "8", "sample.wallets", "600", "sample.creators", "300",
                "datasets.signal.targets", "[reach_2x_1h]", "datasets.genesis.targets", "[reach_2x_1h]",
                "tuning.trials", "6", "tuning.max-iterations", "120", "tuning.early-stopping-rounds", "15"));
        o.put("tuning.startup-trials", "3");
        o.putAll(overrides);
        return ConfigLoader.load(Optional.empty(), o);
    }

    /** The default small world's config and signal dataset. */
    public record World(AlphaLeakConfig config, DatasetWriter.Outcome dataset) {}

    private static World shared;

    /**
     * The default small world ({@link #config} without overrides), generated once per test JVM
     * into its own temporary work directory (removed at exit) and shared by the test classes
     * that only need some world: generating it is most of their run time. Treat the dataset as
     * read-only; writes under the work directory (trial history, models) are the caller's own.
     */
    public static synchronized World sharedSignalWorld(SparkSession spark) {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("alphaleak-shared-world-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                AlphaLeakConfig c = config(dir, Map.of());
                shared = new World(c, signalDataset(spark, c));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort at JVM exit
        }
    }

    /** Generates the world and writes the signal dataset; returns the dataset writer's outcome. */
    public static DatasetWriter.Outcome signalDataset(SparkSession spark, AlphaLeakConfig config) {
        SampleWorldGenerator.generate(spark, config);
        return BuildDatasets.with(spark, config).kinds(DatasetKind.SIGNAL).runId("test").execute().datasets().get(0);
    }
}
