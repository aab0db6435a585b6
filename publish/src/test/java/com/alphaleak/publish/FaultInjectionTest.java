package com.alphaleak.publish;

import com.alphaleak.publish.FaultyStorage.Mode;
import com.alphaleak.publish.TestModels.LocalPair;
import com.alphaleak.publish.TestModels.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.alphaleak.publish.TestModels.localPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher dies (or the store errors) at every storage operation in turn, on a local
 * directory and on s3a://. After each failure, a reader that follows the pointer (the store's own
 * verification and {@link ModelSync}) sees the old complete model or the new complete model, never
 * a mix; and publishing again completes the job. Then the same for {@code sync-models} itself.
 */
class FaultInjectionTest {

    private static final java.time.Duration LOCK_TTL = java.time.Duration.ofMillis(300);
    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(5);
    private static final Map<Mode, Integer> FAULTS_INJECTED = new EnumMap<>(Mode.class);

    @TempDir
    Path hosts;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backend.both()) {
            for (Mode m : Mode.values()) {
                out.add(Arguments.of(b, m));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> syncCases() {
        return Backend.both().stream().flatMap(b -> Stream.of(Arguments.of(b, Mode.BEFORE), Arguments.of(b, Mode.AFTER)));
    }

    @AfterAll
    static void report() {
        System.out.println("faults injected per mode: " + FAULTS_INJECTED);
    }

    /** The old model is current and synced to the host folder. */
    private static void setUp(ModelStore store, Version old, Path dest) throws IOException {
        assertEquals(ModelPublisher.Status.PROMOTED, old.publishTo(store).execute().status());
        assertEquals(ModelSync.Outcome.Status.UPDATED,
                new ModelSync(store, dest).targets(List.of(old.target())).run().outcomes().get(0).status());
    }

    private static void assertOldOrNew(ModelStore store, Path dest, Version old, Version neu, String ctx) throws IOException {
        String target = old.target();
        // 1. A reader of the store: the pointer names a complete version whose files match it.
        Pointer p = store.current(target).orElseThrow(() -> new AssertionError(ctx + ": pointer vanished"));
        assertTrue(Set.of(old.modelId(), neu.modelId()).contains(p.modelId()), ctx + ": pointer names " + p.modelId());
        Version expected = p.modelId().equals(old.modelId()) ? old : neu;
        assertEquals(expected.onnxSha(), p.onnxSha256(), ctx);
        assertEquals(expected.sidecarSha(), p.sidecarSha256(), ctx);
        VersionManifest m = store.verifiedVersion(target, p.modelId());
        assertEquals(expected.onnxSha(), m.files().get(target + ".onnx").sha256(), ctx);
        // 2. A host: sync-models gets exactly that pair, never a mix.
        ModelSync.Outcome o = new ModelSync(store, dest).targets(List.of(target)).run().outcomes().get(0);
        assertTrue(o.status() == ModelSync.Outcome.Status.UPDATED || o.status() == ModelSync.Outcome.Status.UNCHANGED,
                ctx + ": " + o);
        LocalPair pair = localPair(dest, target);
        assertNotNull(pair, ctx);
        assertTrue(pair.consistent(), ctx + ": local pair is mixed");
        assertEquals(expected.modelId(), pair.modelId(), ctx);
        assertEquals(expected.onnxSha(), pair.onnxSha(), ctx);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void publisherDiesAtEveryStep(Backend backend, Mode mode) throws Exception {
        try (ModelStore store = backend.open(backend.freshRoot("fault-" + mode.name().toLowerCase()))) {
            // How many storage operations a clean publish of the new version takes.
            String probe = "probe";
            Version probeOld = TestModels.version(probe, "old-1", 0.40, 0.03, 32 * 1024);
            Version probeNew = TestModels.version(probe, "new-2", 0.42, 0.03, 32 * 1024);
            setUp(store, probeOld, hosts.resolve(probe));
            FaultyStorage counter = FaultyStorage.counting(store.storage());
            probeNew.publishTo(new ModelStore(counter)).reportFile("r.txt", new byte[]{1}).execute();
            int n = counter.ops();
            assertTrue(n >= 10, "ops: " + counter.log());

            int failures = 0;
            int injected = 0;
            for (int k = 1; k <= n; k++) {
                if (mode == Mode.TORN && !counter.log().get(k - 1).startsWith("createNew")) {
                    continue; // a torn non-write is the same as BEFORE
                }
                injected++;
                String target = "t" + k;
                Version old = TestModels.version(target, "old-1", 0.40, 0.03, 32 * 1024);
                Version neu = TestModels.version(target, "new-2", 0.42, 0.03, 32 * 1024);
                Path dest = hosts.resolve(target);
                setUp(store, old, dest);
                FaultyStorage faulty = new FaultyStorage(store.storage(), k, mode);
                String ctx = backend + " " + mode + " fault at op " + k + "/" + n;
                try {
                    ModelPublisher.Result r = neu.publishTo(new ModelStore(faulty)).reportFile("r.txt", new byte[]{1})
                            .lock(LOCK_TTL, LOCK_WAIT).execute();
                    // Only the event-log write and the lock release (after the pointer) may fail
                    // without failing the publish.
                    assertEquals(ModelPublisher.Status.PROMOTED, r.status(), ctx);
                    String failedOp = faulty.log().get(k - 1);
                    assertTrue(failedOp.contains("/events/") || failedOp.contains("/lock/"), ctx + ": " + failedOp);
                } catch (FaultyStorage.InjectedFault expected) {
                    failures++;
                } catch (VersionConflictException | CorruptObjectException e) {
                    // A torn object is detected on read-back or on the next attempt; never completed.
                    assertEquals(Mode.TORN, mode, ctx + ": " + e);
                    failures++;
                }
                String op = faulty.log().get(k - 1);
                assertOldOrNew(store, dest, old, neu, ctx + " (" + op + ")");

                // Publishing again finishes the job (or, after a torn write, refuses: never overwrites).
                try {
                    // A lock claim left by the "dead" publisher expires after LOCK_TTL.
                    ModelPublisher.Result again = neu.publishTo(store).reportFile("r.txt", new byte[]{1})
                            .lock(LOCK_TTL, LOCK_WAIT).execute();
                    assertTrue(again.status() == ModelPublisher.Status.PROMOTED
                            || again.status() == ModelPublisher.Status.ALREADY_PUBLISHED, ctx + ": " + again);
                    assertEquals(neu.modelId(), store.current(target).orElseThrow().modelId(), ctx);
                } catch (VersionConflictException | CorruptObjectException torn) {
                    // never on S3 (a PUT is all or nothing) or locally (hard link of a complete file)
                    assertEquals(Mode.TORN, mode, ctx + ": " + torn);
                    assertTrue(op.startsWith("createNew"), ctx);
                }
                assertOldOrNew(store, dest, old, neu, ctx + " after retry");
            }
            assertTrue(failures >= 1, "faults that failed the publish: " + failures + " of " + n);
            synchronized (FAULTS_INJECTED) {
                FAULTS_INJECTED.merge(mode, injected, Integer::sum);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("syncCases")
    void syncModelsFailsAtEveryStepAndKeepsTheOldPair(Backend backend, Mode mode) throws Exception {
        try (ModelStore store = backend.open(backend.freshRoot("syncfault-" + mode.name().toLowerCase()))) {
            Version old = TestModels.version("reach_3x_1h", "old-1", 0.40, 0.03, 32 * 1024);
            Version neu = TestModels.version("reach_3x_1h", "new-2", 0.42, 0.03, 32 * 1024);
            assertEquals(ModelPublisher.Status.PROMOTED, old.publishTo(store).execute().status());
            Path probeDest = hosts.resolve("probe");
            new ModelSync(store, probeDest).run();
            assertEquals(ModelPublisher.Status.PROMOTED, neu.publishTo(store).execute().status());
            FaultyStorage counter = FaultyStorage.counting(store.storage());
            new ModelSync(new ModelStore(counter), probeDest).run();
            int n = counter.ops();
            for (int k = 1; k <= n; k++) {
                Path dest = hosts.resolve("k" + k);
                Files.createDirectories(dest);
                // The host has the old pair.
                Files.write(dest.resolve("reach_3x_1h.onnx"), old.onnx());
                Files.write(dest.resolve("reach_3x_1h_metadata.json"), old.sidecar());
                String ctx = backend + " " + mode + " sync fault at op " + k + "/" + n;
                ModelSync.Outcome o;
                try {
                    o = new ModelSync(new ModelStore(new FaultyStorage(store.storage(), k, mode)), dest)
                            .run().outcomes().stream().findFirst().orElse(null);
                } catch (FaultyStorage.InjectedFault listingFailed) {
                    o = null; // the run as a whole fails (sync-models exits 1)
                }
                LocalPair pair = localPair(dest, "reach_3x_1h");
                assertTrue(pair.consistent(), ctx);
                if (o != null && o.status() == ModelSync.Outcome.Status.UPDATED) {
                    assertEquals("new-2", pair.modelId(), ctx);
                } else {
                    assertEquals("old-1", pair.modelId(), ctx + ": " + o);
                }
                try (var files = Files.list(dest)) {
                    assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), ctx + ": temp left");
                }
                assertEquals(ModelSync.Outcome.Status.UPDATED, new ModelSync(store, dest).run().outcomes().get(0).status(), ctx);
                assertEquals("new-2", localPair(dest, "reach_3x_1h").modelId(), ctx);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backendsOnly")
    void syncKilledBetweenTheTwoRenamesIsDetectableAndRepaired(Backend backend) throws Exception {
        try (ModelStore store = backend.open(backend.freshRoot("synckill"))) {
            Version old = TestModels.version("reach_5x_1h", "old-1", 0.40, 0.03, 16 * 1024);
            Version neu = TestModels.version("reach_5x_1h", "new-2", 0.42, 0.03, 16 * 1024);
            old.publishTo(store).execute();
            Path dest = hosts.resolve("kill");
            new ModelSync(store, dest).run();
            neu.publishTo(store).execute();

            // Killed after verification, before any rename: the old pair is untouched.
            ModelSync.Outcome o = new ModelSync(store, dest).stepHook(step -> {
                if (step.equals("verified")) {
                    throw new IllegalStateException("killed");
                }
            }).run().outcomes().get(0);
            assertEquals(ModelSync.Outcome.Status.FAILED, o.status());
            assertEquals("old-1", localPair(dest, "reach_5x_1h").modelId());
            assertTrue(localPair(dest, "reach_5x_1h").consistent());

            // Killed between the two renames: new sidecar, old model. A host's load check
            // (sha256 of the .onnx == sidecar onnx.sha256) sees the mismatch; the next run repairs it.
            new ModelSync(store, dest).stepHook(step -> {
                if (step.equals("sidecar-in-place")) {
                    throw new IllegalStateException("killed");
                }
            }).run();
            LocalPair torn = localPair(dest, "reach_5x_1h");
            assertEquals(old.onnxSha(), torn.onnxSha());
            assertTrue(!torn.consistent(), "the host check detects the half-replaced pair");
            assertEquals(ModelSync.Outcome.Status.UPDATED, new ModelSync(store, dest).run().outcomes().get(0).status());
            assertTrue(localPair(dest, "reach_5x_1h").consistent());
            assertEquals("new-2", localPair(dest, "reach_5x_1h").modelId());
        }
    }

    static List<Backend> backendsOnly() {
        return Backend.both();
    }
}
