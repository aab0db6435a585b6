package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.alphaleak.features.dataset.Frames.row;
import static com.alphaleak.features.dataset.SignalWorld.at;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetWriterTest extends SharedSpark {
    private final Frames frames = new Frames(spark());
    private final DatasetWriter writer = new DatasetWriter(spark());
    private static final Map<String, SourceTable> VERSIONED = Map.of("signals", new SourceTable("signals", "delta", 3, null));

    private SignalWorld world(int n) {
        SignalWorld w = new SignalWorld(frames);
        for (int i = 0; i < n; i++) w.signal("s" + i, "w" + (i % 3), 10 * i, i % 4 == 0 ? 3.0 : 1.1);
        w.context(Contracts.WALLET_SNAPSHOTS, row("wallet", "w1", "known_at", at(0), "snapshot_id", 1L, "alpha_score", 50.0));
        return w;
    }

    private long version(String path) {
        return DeltaTable.forPath(spark(), path).history(1).select("version").head().getLong(0);
    }

    @Test
    void writesTheTableAndAManifestDescribingIt() {
        String out = path("signal");
        DatasetWriter.Outcome o = writer.write(world(20).builder().execute(), out, VERSIONED, "run-1");
        DatasetManifest m = DatasetManifest.fromJson(o.manifest().toJson());
        assertFalse(o.skipped());
        assertEquals(20, spark().read().format("delta").load(out).count());
        assertEquals(20, m.rows());
        assertEquals(16, m.splits().get("train").rows());
        assertEquals(4, m.splits().get("validation").rows());
        assertEquals(at(160).toString(), m.validationStart());
        assertEquals(4, m.positiveRates().get("reach_2x_1h").get("train").positives());
        assertEquals(0.25, m.positiveRates().get("reach_2x_1h").get("train").rate());
        assertEquals(68, m.featureNames().size());
        assertEquals("signal_v1", m.registryVersion());
        assertEquals(3, m.sources().get("signals").deltaVersion());
        assertEquals(version(out), m.tableVersion());
        assertEquals(m, writer.currentManifest(out).orElseThrow(), "the manifest on disk round-trips");
    }

    @Test
    void unchangedInputsAreNotRewrittenAndEqualInputsGiveEqualContent() {
        String out = path("signal");
        DatasetWriter.Outcome first = writer.write(world(20).builder().execute(), out, VERSIONED, "run-1");
        DatasetWriter.Outcome again = writer.write(world(20).builder().execute(), out, VERSIONED, "run-2");
        assertTrue(again.skipped());
        assertEquals(first.manifest().tableVersion(), version(out), "no new table version");

        Map<String, SourceTable> unversioned = Map.of("signals", new SourceTable("signals", "parquet", -1, null));
        DatasetWriter.Outcome elsewhere = writer.write(world(20).builder().execute(), path("copy"), unversioned, "run-3");
        assertEquals(first.manifest().contentFingerprint(), elsewhere.manifest().contentFingerprint());
        List<Row> a = spark().read().format("delta").load(out).orderBy("signal_id").collectAsList();
        List<Row> b = spark().read().format("delta").load(path("copy")).orderBy("signal_id").collectAsList();
        assertEquals(a, b);
    }

    @Test
    void changedInputsAreRebuiltAsANewVersion() {
        String out = path("signal");
        DatasetWriter.Outcome first = writer.write(world(20).builder().execute(), out, VERSIONED, "run-1");
        Map<String, SourceTable> newer = Map.of("signals", new SourceTable("signals", "delta", 4, null));
        DatasetWriter.Outcome second = writer.write(world(25).builder().execute(), out, newer, "run-2");
        assertFalse(second.skipped());
        assertEquals(first.manifest().tableVersion() + 1, second.manifest().tableVersion());
        assertNotEquals(first.manifest().contentFingerprint(), second.manifest().contentFingerprint());
        assertEquals(25, spark().read().format("delta").load(out).count());
    }

    @Test
    void aFailedBuildLeavesThePreviousTableAndManifestIntact() throws Exception {
        String out = path("signal");
        writer.write(world(20).builder().execute(), out, VERSIONED, "run-1");
        String manifestBefore = Files.readString(Path.of(out, DatasetManifest.FILE_NAME));
        long versionBefore = version(out);

        // A build whose rows fail while they are computed (here: one row raises).
        TrainingSet good = world(25).builder().execute();
        TrainingSet failing = new TrainingSet(good.kind(), good.registry(), good.targets(),
                good.data().withColumn("signal_id", when(col("signal_id").equalTo("s7"), raise_error(lit("producer crashed")))
                        .otherwise(col("signal_id"))), good.labels(), good.split());
        Map<String, SourceTable> newer = Map.of("signals", new SourceTable("signals", "delta", 9, null));
        Exception e = assertThrows(Exception.class, () -> writer.write(failing, out, newer, "run-2"));
        assertTrue(String.valueOf(e.getMessage()).contains("producer crashed"), String.valueOf(e.getMessage()));
        assertEquals(versionBefore, version(out));
        assertEquals(manifestBefore, Files.readString(Path.of(out, DatasetManifest.FILE_NAME)));
        assertEquals(20, spark().read().format("delta").load(out).count());
    }

    @Test
    void aTargetWithoutValidationPositivesIsSkippedWithItsReasonAndTheOthersAreWritten() {
        // 20 signals, the newest 4 are validation. reach_2x_1h has positives in both slices;
        // reach_3x_1h only in train (a 3x peak before minute 160, none after).
        SignalWorld w = new SignalWorld(frames);
        for (int i = 0; i < 20; i++) w.signal("s" + i, "w" + (i % 3), 10 * i, i < 16 && i % 4 == 0 ? 3.0 : i % 4 == 1 ? 2.0 : 1.1);
        TargetSpec reach3x = TargetSpec.parse("reach_3x_1h");
        String out = path("signal");
        DatasetWriter.Outcome o = writer.write(w.builder().targets(List.of(SignalWorld.REACH_2X_1H, reach3x)).execute(), out,
                VERSIONED, "run-1");

        assertEquals(20, spark().read().format("delta").load(out).count(), "the dataset is written");
        assertFalse(o.skipped());
        DatasetManifest m = o.manifest();
        assertEquals(List.of("reach_2x_1h", "reach_3x_1h"), m.targets());
        assertEquals(List.of("reach_2x_1h"), m.trainableTargets());
        assertEquals(Set.of("reach_3x_1h"), m.skippedTargets().keySet());
        String why = m.skippedTargets().get("reach_3x_1h");
        assertTrue(why.contains("0 positives among 4 labelled validation rows"), why);
        assertEquals(0, m.positiveRates().get("reach_3x_1h").get("validation").positives());
        assertEquals(m, writer.currentManifest(out).orElseThrow(), "the skipped target round-trips through the file");

        // Unchanged inputs: not rewritten, and the skipped target is still reported.
        DatasetWriter.Outcome again = writer.write(w.builder().targets(List.of(SignalWorld.REACH_2X_1H, reach3x)).execute(), out,
                VERSIONED, "run-2");
        assertTrue(again.skipped());
        assertEquals(m.skippedTargets(), again.skippedTargets());
    }

    @Test
    void aManifestWrittenBeforeSkippedTargetsExistedReadsAsAllTrainable() {
        DatasetManifest m = writer.write(world(20).builder().execute(), path("signal"), VERSIONED, "run-1").manifest();
        String old = m.toJson().replaceAll(",\\s*\"skipped_targets\"\\s*:\\s*\\{\\s*}", "");
        assertFalse(old.contains("skipped_targets"), old);
        assertEquals(m, DatasetManifest.fromJson(old));
        assertEquals(m.targets(), DatasetManifest.fromJson(old).trainableTargets());
    }
}
