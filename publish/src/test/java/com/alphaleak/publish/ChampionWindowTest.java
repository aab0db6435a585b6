package com.alphaleak.publish;

import com.alphaleak.model.ModelSidecar;
import com.alphaleak.publish.TestModels.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.alphaleak.publish.TestModels.FEATURES;
import static com.alphaleak.publish.TestModels.TARGET;
import static com.alphaleak.publish.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which models the champion gate measures on the window: the candidate, and the champion the store's pointer names. */
class ChampionWindowTest {

    static List<Backend> backends() {
        return Backend.both();
    }

    /**
     * A window of 500 rows on which each model (by its ONNX checksum) has known measures; it records
     * which models were measured, and with which sidecar.
     */
    private static final class Window implements ChampionWindow.Window {
        final Map<String, ChampionGate.Metrics> measures;
        final List<String> measured = new ArrayList<>();

        Window(Version... versions) {
            Map<String, ChampionGate.Metrics> m = new HashMap<>();
            for (Version v : versions) m.put(v.onnxSha(), new ChampionGate.Metrics(v.prAuc(), v.ece()));
            measures = m;
        }

        @Override
        public int rows() {
            return 500;
        }

        @Override
        public ChampionGate.Metrics metrics(byte[] onnx, ModelSidecar sidecar) {
            assertEquals(sidecar.onnx().sha256(), Sha256.of(onnx), "each model is measured with its own sidecar");
            measured.add(sidecar.modelId());
            return measures.get(Sha256.of(onnx));
        }
    }

    private static ModelSidecar sidecar(Version v) {
        return ModelSidecar.fromJson(new String(v.sidecar(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void measuresTheCandidateAndTheCurrentChampionOnTheSameWindow(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.37, 0.02);
        Window window = new Window(v1, v2);
        try (ModelStore store = backend.open(backend.freshRoot("champion-window"))) {
            ChampionGate.GateInput first = ChampionWindow.evaluate(store, sidecar(v1), v1.onnx(), window, "validation").orElseThrow();
            assertFalse(first.hasChampion(), "an empty store has no champion");
            assertEquals(new ChampionGate.Metrics(0.40, 0.03), first.candidate());
            assertEquals(500, first.windowRows());
            assertEquals(ModelPublisher.Status.PROMOTED, v1.publishTo(store).evaluation(first).execute().status());

            window.measured.clear();
            ChampionGate.GateInput second = ChampionWindow.evaluate(store, sidecar(v2), v2.onnx(), window, "validation").orElseThrow();
            assertEquals(List.of("m-002", "m-001"), window.measured, "the champion's ONNX comes from the store");
            assertEquals("m-001", second.championModelId());
            assertEquals(new ChampionGate.Metrics(0.40, 0.03), second.champion());
            assertEquals(new ChampionGate.Metrics(0.37, 0.02), second.candidate());
            assertEquals(ChampionGate.GateInput.BASIS_WINDOW, second.basis());
            ModelPublisher.Result kept = v2.publishTo(store).evaluation(second).execute();
            assertEquals(ModelPublisher.Status.STORED_NOT_PROMOTED, kept.status(), "0.37 < 0.40 - 0.01: " + kept.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theCurrentModelIsItsOwnChampionAndIsMeasuredOnce(Backend backend) throws Exception {
        Version v1 = version("m-001", 0.40, 0.03);
        Window window = new Window(v1);
        try (ModelStore store = backend.open(backend.freshRoot("champion-self"))) {
            v1.publishTo(store).execute();
            ChampionGate.GateInput again = ChampionWindow.evaluate(store, sidecar(v1), v1.onnx(), window, "validation").orElseThrow();
            assertEquals(List.of("m-001"), window.measured);
            assertEquals("m-001", again.championModelId());
            assertEquals(again.candidate(), again.champion());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aChampionWithOtherFeaturesIsNotScoredOnTheseRows(Backend backend) throws Exception {
        Version old = version(TARGET, "m-001", 0.40, 0.03, 4096, FEATURES.subList(0, 2));
        Version next = version("m-002", 0.41, 0.03);
        Window window = new Window(old, next);
        try (ModelStore store = backend.open(backend.freshRoot("champion-features"))) {
            old.publishTo(store).execute();
            assertTrue(ChampionWindow.evaluate(store, sidecar(next), next.onnx(), window, "validation").isEmpty(),
                    "the publisher compares the sidecars' own metrics instead");
            assertEquals(List.of("m-002"), window.measured, "the champion cannot be scored on rows with other columns");
            ModelPublisher.Result r = next.publishTo(store).execute();
            assertEquals(ModelPublisher.Status.PROMOTED, r.status(), r.reason());
        }
    }
}
