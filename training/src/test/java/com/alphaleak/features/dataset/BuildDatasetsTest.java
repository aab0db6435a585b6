package com.alphaleak.features.dataset;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.SampleDatasets;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inputs of every dataset are checked before any dataset is written. */
class BuildDatasetsTest extends SharedSpark {

    @Test
    void aMissingInputOfOneDatasetWritesNeitherAndNamesEveryMissingTable(@TempDir java.nio.file.Path dir) throws Exception {
        SampleDatasets.World world = SampleDatasets.sharedSignalWorld(spark());
        java.nio.file.Path out = dir.resolve("out");
        AlphaLeakConfig c = SampleDatasets.config(java.nio.file.Path.of(world.config().run().workDir()), Map.of(
                "datasets.output", out.toString(),
                "tables.genesis-outcomes.path", dir.resolve("nowhere").toString(), "tables.creator-stats.path", dir.resolve("none").toString()));
        DataContractException e = assertThrows(DataContractException.class, () -> BuildDatasets.with(spark(), c).execute());
        assertTrue(e.getMessage().contains("genesis_outcomes") || e.getMessage().contains("genesis-outcomes"), e.getMessage());
        assertTrue(e.getMessage().contains("creator"), e.getMessage());
        org.apache.hadoop.fs.FileSystem fs = new Path(out.toUri()).getFileSystem(spark().sparkContext().hadoopConfiguration());
        assertFalse(fs.exists(new Path(out.toUri())), "nothing written: " + out);
    }
}
