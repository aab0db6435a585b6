package com.alphaleak.publish;

import com.alphaleak.publish.ModelPublisher.Status;
import com.alphaleak.publish.TestModels.LocalPair;
import com.alphaleak.publish.TestModels.Version;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.alphaleak.publish.TestModels.TARGET;
import static com.alphaleak.publish.TestModels.localPair;
import static com.alphaleak.publish.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publish, sync, promote, reject by the gate, force, rollback: on a local directory and on s3a://. */
class PublishFlowTest {

    @TempDir
    Path host;

    static List<Backend> backends() {
        return Backend.both();
    }

    private static ModelSync.Outcome syncOne(ModelStore store, Path dest) throws Exception {
        ModelSync.Report r = new ModelSync(store, dest).run();
        assertEquals(1, r.outcomes().size(), r.toString());
        return r.outcomes().get(0);
    }

    private static void assertServes(Path dest, Version v) throws Exception {
        LocalPair pair = localPair(dest, v.target());
        assertEquals(v.modelId(), pair.modelId());
        assertEquals(v.onnxSha(), pair.onnxSha());
        assertTrue(pair.consistent());
        assertArrayEquals(v.sidecar(), Files.readAllBytes(dest.resolve(v.target() + "_metadata.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void firstVersionIsPromotedAndSyncMaterialisesIt(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        try (ModelStore store = backend.open(backend.freshRoot("first"))) {
            ModelPublisher.Result r = v1.publishTo(store).reportFile("summary.md", "# ok\n".getBytes()).execute();
            assertEquals(Status.PROMOTED, r.status(), r.reason());
            assertNull(r.previousModelId());
            assertTrue(r.reason().startsWith("no current model"), r.reason());

            Pointer p = store.current(TARGET).orElseThrow();
            assertEquals("m-001", p.modelId());
            assertEquals(v1.onnxSha(), p.onnxSha256());
            assertEquals(v1.sidecarSha(), p.sidecarSha256());
            assertEquals(List.of("m-001"), store.versions(TARGET));
            assertEquals(List.of(TARGET), store.targets());
            assertTrue(store.storage().exists("reach_2x_1h/versions/m-001/report/summary.md"));
            assertEquals(4, store.verifiedVersion(TARGET, "m-001").files().size() + 1); // onnx, sidecar, report (+ _COMPLETE)

            assertEquals(ModelSync.Outcome.Status.UPDATED, syncOne(store, host).status());
            assertServes(host, v1);
            assertEquals(ModelSync.Outcome.Status.UNCHANGED, syncOne(store, host).status());
            try (var files = Files.list(host)) {
                assertEquals(List.of(".sync-models.lock", "reach_2x_1h.onnx", "reach_2x_1h_metadata.json"),
                        files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary files left");
            }

            assertEquals(Status.ALREADY_PUBLISHED,
                    v1.publishTo(store).reportFile("summary.md", "# ok\n".getBytes()).execute().status());
            assertThrows(VersionConflictException.class, () -> v1.publishTo(store).execute(), "same id, other files");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void betterModelIsPromotedWorseIsStoredNotPromotedForceOverrides(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version better = version("m-002", 0.405, 0.035);   // within tolerance on ECE, better PR-AUC
        Version worse = version("m-003", 0.37, 0.03);      // PR-AUC drop 0.035 > 0.01
        Version badlyCalibrated = version("m-004", 0.41, 0.08); // ECE rise 0.045 > 0.02
        try (ModelStore store = backend.open(backend.freshRoot("gate"))) {
            assertEquals(Status.PROMOTED, v1.publishTo(store).execute().status());
            ModelPublisher.Result r2 = better.publishTo(store).execute();
            assertEquals(Status.PROMOTED, r2.status(), r2.reason());
            assertEquals("m-001", r2.previousModelId());
            syncOne(store, host);
            assertServes(host, better);

            ModelPublisher.Result r3 = worse.publishTo(store).execute();
            assertEquals(Status.STORED_NOT_PROMOTED, r3.status());
            assertTrue(r3.reason().contains("PR-AUC 0.3700 < champion 0.4050 - tolerance 0.0100"), r3.reason());
            assertTrue(r3.reason().contains(ChampionGate.GateInput.BASIS_SIDECARS), r3.reason());
            ModelPublisher.Result r4 = badlyCalibrated.publishTo(store).execute();
            assertEquals(Status.STORED_NOT_PROMOTED, r4.status());
            assertTrue(r4.reason().contains("ECE 0.0800 > champion 0.0350 + tolerance 0.0200"), r4.reason());

            assertEquals("m-002", store.current(TARGET).orElseThrow().modelId(), "pointer did not move");
            assertEquals(List.of("m-001", "m-002", "m-003", "m-004"), store.versions(TARGET), "refused versions are stored");
            List<PublishEvent> events = store.events(TARGET);
            assertEquals(List.of("promote", "promote", "rejected", "rejected"),
                    events.stream().map(PublishEvent::action).toList());
            assertEquals(r3.reason(), events.get(2).reason());
            assertEquals(ModelSync.Outcome.Status.UNCHANGED, syncOne(store, host).status());
            assertServes(host, better);

            // --force promotes a refused candidate, and says what the gate thought.
            ModelPublisher.Result forced = worse.publishTo(store).force(true, "incident 42").execute();
            assertEquals(Status.PROMOTED, forced.status());
            Pointer p = store.current(TARGET).orElseThrow();
            assertEquals("m-003", p.modelId());
            assertEquals(Pointer.ACTION_FORCE, p.action());
            assertTrue(p.reason().startsWith("forced (incident 42); gate would refuse: worse than current model m-002"),
                    p.reason());
            syncOne(store, host);
            assertServes(host, worse);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void callerEvaluationOnTheNewestWindowDecides(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.30, 0.03); // its own sidecar looks worse...
        Version v3 = version("m-003", 0.50, 0.01);
        try (ModelStore store = backend.open(backend.freshRoot("eval"))) {
            v1.publishTo(store).execute();
            // ...but on the newest window (measured by the caller) it is better: promoted.
            ModelPublisher.Result r = v2.publishTo(store)
                    .evaluation(ChampionGate.GateInput.of(0.42, 0.02, "m-001", 0.38, 0.03, 5000, "2026-01-19..2026-01-20"))
                    .execute();
            assertEquals(Status.PROMOTED, r.status(), r.reason());
            assertTrue(r.reason().contains("newest validation window 2026-01-19..2026-01-20 (5000 rows)"), r.reason());
            // An evaluation made against a model that is no longer current is refused.
            ModelPublisher.Result stale = v3.publishTo(store)
                    .evaluation(ChampionGate.GateInput.of(0.5, 0.01, "m-001", 0.38, 0.03, 5000, "w"))
                    .execute();
            assertEquals(Status.STORED_NOT_PROMOTED, stale.status());
            assertTrue(stale.reason().startsWith("current model changed"), stale.reason());
            // Tighter tolerances are the caller's choice.
            ModelPublisher.Result tight = v3.publishTo(store).tolerances(new ChampionGate.Tolerances(0.0, 0.0))
                    .evaluation(ChampionGate.GateInput.of(0.419, 0.02, "m-002", 0.42, 0.02, 5000, "w"))
                    .execute();
            assertEquals(Status.STORED_NOT_PROMOTED, tight.status(), tight.reason());
            assertEquals("m-002", store.current(TARGET).orElseThrow().modelId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void versionsAreImmutableAndInputsMustBelongTogether(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version other = version("m-002", 0.40, 0.03);
        try (ModelStore store = backend.open(backend.freshRoot("immutable"))) {
            v1.publishTo(store).execute();
            // Same model_id, different bytes: refused, nothing changes.
            Version impostor = new Version(TARGET, "m-001", other.onnx(),
                    new String(other.sidecar(), StandardCharsets.UTF_8).replace("m-002", "m-001").getBytes(StandardCharsets.UTF_8),
                    0.4, 0.03);
            assertThrows(VersionConflictException.class, () -> impostor.publishTo(store).execute());
            // A sidecar that names another model file: refused before anything is written.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelPublisher.to(store).onnx(v1.onnx()).sidecarBytes(other.sidecar()).execute());
            assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
            assertEquals(List.of("m-001"), store.versions(TARGET));
            assertFalse(store.storage().exists("reach_2x_1h/versions/m-002/reach_2x_1h.onnx"));
            Pointer p = store.current(TARGET).orElseThrow();
            assertEquals(v1.onnxSha(), p.onnxSha256());
            syncOne(store, host);
            assertServes(host, v1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rollbackRepointsToPreviousOrChosenVersion(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.41, 0.03);
        Version v3 = version("m-003", 0.42, 0.03);
        try (ModelStore store = backend.open(backend.freshRoot("rollback"))) {
            for (Version v : List.of(v1, v2, v3)) {
                assertEquals(Status.PROMOTED, v.publishTo(store).execute().status());
            }
            Rollback rb = new Rollback(store);
            Rollback.Result r = rb.rollback(TARGET, null, "bad live precision");
            assertEquals("m-003", r.fromModelId());
            assertEquals("m-002", r.toModelId());
            Pointer p = store.current(TARGET).orElseThrow();
            assertEquals(Pointer.ACTION_ROLLBACK, p.action());
            assertEquals("m-003", p.previousModelId());
            assertEquals(v2.onnxSha(), p.onnxSha256());
            assertEquals(v2.sidecarSha(), p.sidecarSha256());
            syncOne(store, host);
            assertServes(host, v2);

            rb.rollback(TARGET, "m-001", null);
            syncOne(store, host);
            assertServes(host, v1);
            assertFalse(rb.rollback(TARGET, "m-001", null).changed());
            assertThrows(NoSuchVersionException.class, () -> rb.rollback(TARGET, "m-999", null));
            assertThrows(NoSuchVersionException.class, () -> rb.rollback(TARGET, "../x", null));
            assertEquals(List.of("promote", "promote", "promote", "rollback", "rollback"),
                    store.events(TARGET).stream().map(PublishEvent::action).toList());

            // The gate compares with the model that is current after a rollback.
            ModelPublisher.Result again = v3.publishTo(store).execute();
            assertEquals(Status.PROMOTED, again.status());
            assertEquals("m-001", again.previousModelId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void syncRefusesCorruptObjectsAndKeepsTheOldModel(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.41, 0.03);
        Version v3 = version("m-003", 0.42, 0.03);
        try (ModelStore store = backend.open(backend.freshRoot("corrupt"))) {
            v1.publishTo(store).execute();
            syncOne(store, host);
            v2.publishTo(store).execute();
            // Bit rot / a tampered object after publication.
            String key = ModelStore.versionKey(TARGET, "m-002", "reach_2x_1h.onnx");
            store.storage().delete(key);
            byte[] bad = v2.onnx().clone();
            bad[100] ^= 1;
            store.storage().createNew(key, bad);
            ModelSync.Outcome o = syncOne(store, host);
            assertEquals(ModelSync.Outcome.Status.REFUSED, o.status());
            assertTrue(o.message().contains("SHA-256"), o.message());
            assertServes(host, v1);
            assertThrows(CorruptObjectException.class, () -> store.verifiedVersion(TARGET, "m-002"));
            new Rollback(store).rollback(TARGET, "m-001", "m-002 is damaged");
            assertThrows(CorruptObjectException.class, () -> new Rollback(store).rollback(TARGET, "m-002", null),
                    "rollback verifies the version first");

            // A pointer that is not valid JSON is refused too.
            v3.publishTo(store).tolerances(new ChampionGate.Tolerances(1, 1)).force(true).execute();
            store.storage().replace(ModelStore.pointerKey(TARGET), "{\"model_id\": \"m-0".getBytes());
            assertEquals(ModelSync.Outcome.Status.REFUSED, syncOne(store, host).status());
            assertServes(host, v1);
            // Repair by rollback to a good version: the next sync picks it up.
            store.storage().replace(ModelStore.pointerKey(TARGET), Json.bytes(new Pointer(1, TARGET, "m-003",
                    v3.onnxSha(), v3.sidecarSha(), v3.onnx().length, "2026-01-01T00:00:00Z", null, "promote", "fixed")));
            assertEquals(ModelSync.Outcome.Status.UPDATED, syncOne(store, host).status());
            assertServes(host, v3);
        }
    }
}
