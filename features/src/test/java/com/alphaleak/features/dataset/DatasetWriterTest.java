package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.alphaleak.features.dataset.Frames.row;
import static com.alphaleak.features.dataset.SignalWorld.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

        SignalWorld noPositives = new SignalWorld(frames);
        for (int i = 0; i < 20; i++) noPositives.signal("s" + i, "w1", 10 * i, 1.1);
        Map<String, SourceTable> newer = Map.of("signals", new SourceTable("signals", "delta", 9, null));
        DataContractException e = assertThrows(DataContractException.class,
                () -> writer.write(noPositives.builder().execute(), out, newer, "run-2"));
        assertTrue(e.getMessage().contains("reach_2x_1h has 0 positives"), e.getMessage());
        assertEquals(versionBefore, version(out));
        assertEquals(manifestBefore, Files.readString(Path.of(out, DatasetManifest.FILE_NAME)));
        assertEquals(20, spark().read().format("delta").load(out).count());
    }

    @Test
    void noPositivesOnAFirstBuildWritesNothing() {
        SignalWorld w = new SignalWorld(frames);
        for (int i = 0; i < 20; i++) w.signal("s" + i, "w1", 10 * i, 1.1);
        String out = path("signal");
        assertThrows(DataContractException.class, () -> writer.write(w.builder().execute(), out, VERSIONED, "run-1"));
        assertFalse(Files.exists(Path.of(out)));
        assertNull(writer.currentManifest(out).orElse(null));
    }
}
