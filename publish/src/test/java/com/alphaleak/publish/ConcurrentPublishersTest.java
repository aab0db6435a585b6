package com.alphaleak.publish;

import com.alphaleak.publish.ModelPublisher.Status;
import com.alphaleak.publish.TestModels.LocalPair;
import com.alphaleak.publish.TestModels.Version;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static com.alphaleak.publish.TestModels.localPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two publishers of the same target at once (each with its own connection to the store, as two
 * processes would have), while a host syncs in a loop. What is guaranteed, and checked:
 * no corruption: every version is complete and verified, the pointer always names one of them,
 * the host never holds a mixed pair; the gate-and-pointer sections are serialised by the publish
 * lock, so the second publisher is gated against the first one's model: with caller evaluations
 * made against the old champion, exactly one promotes and the other is refused ("current model
 * changed"); with sidecar metrics, a second promotion names the first as its previous model.
 */
class ConcurrentPublishersTest {

    private static final int ROUNDS = 4;

    @TempDir
    Path hosts;

    static List<Backend> backends() {
        return Backend.both();
    }

    private record Round(String target, Version v0, Version a, Version b) {
        static Round of(String prefix, int i) {
            String t = prefix + i;
            return new Round(t, TestModels.version(t, "v0", 0.40, 0.03, 48 * 1024),
                    TestModels.version(t, "a", 0.45, 0.02, 48 * 1024),
                    TestModels.version(t, "b", 0.46, 0.02, 48 * 1024));
        }
    }

    private Map<String, Integer> race(Backend backend, String hint,
                                      Function<Round, ChampionGate.GateInput> evalA,
                                      Function<Round, ChampionGate.GateInput> evalB) throws Exception {
        String root = backend.freshRoot(hint);
        Map<String, Integer> tally = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (ModelStore setup = backend.open(root); ModelStore pubA = backend.open(root); ModelStore pubB = backend.open(root);
             ModelStore host = backend.open(root)) {
            for (int i = 0; i < ROUNDS; i++) {
                Round r = Round.of(hint, i);
                assertEquals(Status.PROMOTED, r.v0().publishTo(setup).execute().status());
                Path dest = hosts.resolve(hint + i);
                new ModelSync(host, dest).targets(List.of(r.target())).run();

                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger syncs = new AtomicInteger();
                Set<String> allowed = Set.of("v0", "a", "b");
                Future<Void> reader = pool.submit(() -> {
                    while (!done.get()) {
                        ModelSync.Outcome o = new ModelSync(host, dest).targets(List.of(r.target())).run().outcomes().get(0);
                        assertTrue(o.status() == ModelSync.Outcome.Status.UPDATED
                                || o.status() == ModelSync.Outcome.Status.UNCHANGED, o.toString());
                        LocalPair pair = localPair(dest, r.target());
                        assertTrue(pair.consistent(), "mixed pair on the host");
                        assertTrue(allowed.contains(pair.modelId()), pair.modelId());
                        Pointer p = host.current(r.target()).orElseThrow();
                        assertTrue(allowed.contains(p.modelId()));
                        syncs.incrementAndGet();
                    }
                    return null;
                });
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<ModelPublisher.Result> a = () -> {
                    start.await();
                    return r.a().publishTo(pubA).evaluation(evalA.apply(r)).execute();
                };
                Callable<ModelPublisher.Result> b = () -> {
                    start.await();
                    return r.b().publishTo(pubB).evaluation(evalB.apply(r)).execute();
                };
                Future<ModelPublisher.Result> fa = pool.submit(a);
                Future<ModelPublisher.Result> fb = pool.submit(b);
                ModelPublisher.Result ra = fa.get(60, TimeUnit.SECONDS);
                ModelPublisher.Result rb = fb.get(60, TimeUnit.SECONDS);
                done.set(true);
                reader.get(60, TimeUnit.SECONDS);

                List<String> promoted = new ArrayList<>();
                for (ModelPublisher.Result res : List.of(ra, rb)) {
                    assertTrue(res.status() == Status.PROMOTED || res.status() == Status.STORED_NOT_PROMOTED, res.toString());
                    if (res.promoted()) {
                        promoted.add(res.modelId());
                    }
                    assertNotNull(setup.verifiedVersion(r.target(), res.modelId()), "both versions are complete");
                }
                assertTrue(!promoted.isEmpty(), "at least one promotes: " + ra + " / " + rb);
                Pointer end = setup.current(r.target()).orElseThrow();
                assertTrue(promoted.contains(end.modelId()), "the pointer ends at a promoted version: " + end);
                if (promoted.size() == 2) {
                    // Serialised by the publish lock: the second was gated against the first.
                    assertEquals(promoted.get(0).equals(end.modelId()) ? promoted.get(1) : promoted.get(0),
                            end.previousModelId(), "second promotion gated against the first: " + end);
                }
                setup.verifiedVersion(r.target(), end.modelId());
                new ModelSync(host, dest).targets(List.of(r.target())).run();
                assertEquals(end.modelId(), localPair(dest, r.target()).modelId());

                String key = ra.status() + "/" + rb.status();
                tally.merge(key, 1, Integer::sum);
                tally.merge("host syncs during races", syncs.get(), Integer::sum);
                for (ModelPublisher.Result res : List.of(ra, rb)) {
                    if (!res.promoted()) {
                        tally.merge("refused: " + res.reason().replaceAll(":.*", ""), 1, Integer::sum);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(backend + " " + hint + ": " + tally);
        return tally;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void gatedOnSidecarsEachPublisherRegatesAgainstTheNewChampion(Backend backend) throws Exception {
        race(backend, "race-sidecar", r -> null, r -> null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void evaluationsAgainstTheSameChampionAtMostOneWinsUnlessTheyInterleave(Backend backend) throws Exception {
        Map<String, Integer> tally = race(backend, "race-eval",
                r -> ChampionGate.GateInput.of(0.45, 0.02, "v0", 0.40, 0.03, 1000, "w"),
                r -> ChampionGate.GateInput.of(0.46, 0.02, "v0", 0.40, 0.03, 1000, "w"));
        // Serialised by the publish lock: the first promotes, the second's evaluation is against a
        // model that is no longer current, so it is refused.
        assertEquals(ROUNDS, tally.getOrDefault("refused: current model changed", 0), tally.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sameVersionFromTwoPublishersIsStoredOnce(Backend backend) throws Exception {
        String root = backend.freshRoot("same");
        Version v = TestModels.version("reach_2x_1h", "same-1", 0.4, 0.03, 48 * 1024);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ModelStore s1 = backend.open(root); ModelStore s2 = backend.open(root)) {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<ModelPublisher.Result> f1 = pool.submit(() -> {
                start.await();
                return v.publishTo(s1).execute();
            });
            Future<ModelPublisher.Result> f2 = pool.submit(() -> {
                start.await();
                return v.publishTo(s2).execute();
            });
            List<Status> statuses = new ArrayList<>(List.of(f1.get(60, TimeUnit.SECONDS).status(),
                    f2.get(60, TimeUnit.SECONDS).status()));
            statuses.sort(null);
            assertEquals(List.of(Status.PROMOTED, Status.ALREADY_PUBLISHED), statuses);
            assertEquals("same-1", s1.current("reach_2x_1h").orElseThrow().modelId());
            s1.verifiedVersion("reach_2x_1h", "same-1");
        } finally {
            pool.shutdownNow();
        }
    }
}
