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

    /** Generates the world and writes the signal dataset; returns the dataset writer's outcome. */
    public static DatasetWriter.Outcome signalDataset(SparkSession spark, AlphaLeakConfig config) {
        SampleWorldGenerator.generate(spark, config);
        return BuildDatasets.with(spark, config).kinds(DatasetKind.SIGNAL).runId("test").execute().datasets().get(0);
    }
}
