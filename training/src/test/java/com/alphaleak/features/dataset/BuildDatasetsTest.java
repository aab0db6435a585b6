package com.alphaleak.features.dataset;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.SampleDatasets;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building both datasets at once writes what building them one after the other writes. */
class BuildDatasetsTest extends SharedSpark {

    @Test
    void bothDatasetsBuiltAtOnceEqualTheOnesBuiltOneAfterTheOther(@TempDir java.nio.file.Path dir) {
        SampleDatasets.World world = SampleDatasets.sharedSignalWorld(spark());
        String work = world.config().run().workDir();
        List<DatasetWriter.Outcome> atOnce = BuildDatasets.with(spark(), config(work, dir.resolve("at-once"), 2)).execute().datasets();
        List<DatasetWriter.Outcome> oneByOne = BuildDatasets.with(spark(), config(work, dir.resolve("one-by-one"), 1)).execute().datasets();
        assertEquals(2, atOnce.size());
        for (int i = 0; i < 2; i++) {
            DatasetManifest a = atOnce.get(i).manifest(), b = oneByOne.get(i).manifest();
            assertEquals(List.of("signal", "genesis").get(i), a.dataset(), "results in the order of the kinds");
            assertFalse(atOnce.get(i).skipped());
            assertEquals(b.contentFingerprint(), a.contentFingerprint(), a.dataset() + ": same rows");
            assertEquals(b.rows(), a.rows());
            assertEquals(b.splits(), a.splits());
            assertEquals(b.skippedTargets(), a.skippedTargets());
        }
    }

    @Test
    void aMissingInputOfOneDatasetWritesNeitherAndNamesEveryMissingTable(@TempDir java.nio.file.Path dir) throws Exception {
        SampleDatasets.World world = SampleDatasets.sharedSignalWorld(spark());
        java.nio.file.Path out = dir.resolve("out");
        AlphaLeakConfig c = SampleDatasets.config(java.nio.file.Path.of(world.config().run().workDir()), Map.of(
                "datasets.output", out.toString(), "datasets.concurrent", "2",
                "tables.genesis-outcomes.path", dir.resolve("nowhere").toString(), "tables.creator-stats.path", dir.resolve("none").toString()));
        DataContractException e = assertThrows(DataContractException.class, () -> BuildDatasets.with(spark(), c).execute());
        assertTrue(e.getMessage().contains("genesis_outcomes") || e.getMessage().contains("genesis-outcomes"), e.getMessage());
        assertTrue(e.getMessage().contains("creator"), e.getMessage());
        org.apache.hadoop.fs.FileSystem fs = new Path(out.toUri()).getFileSystem(spark().sparkContext().hadoopConfiguration());
        assertFalse(fs.exists(new Path(out.toUri())), "nothing written: " + out);
    }

    private static AlphaLeakConfig config(String work, java.nio.file.Path output, int concurrent) {
        return SampleDatasets.config(java.nio.file.Path.of(work), Map.of("datasets.output", output.toString(),
                "datasets.concurrent", Integer.toString(concurrent), "datasets.signal.targets", "[reach_2x_10m, reach_2x_1h]"));
    }
}
