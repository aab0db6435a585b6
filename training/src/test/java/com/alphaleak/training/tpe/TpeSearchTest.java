package com.alphaleak.training.tpe;

import com.alphaleak.config.ParamRange;
import com.alphaleak.config.ParamType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TpeSearchTest {
    private static Map<String, Distribution> floats(int dims, double low, double high) {
        Map<String, Distribution> s = new LinkedHashMap<>();
        for (int i = 0; i < dims; i++) s.put("x" + i, new Distribution.FloatRange(low, high, false));
        return s;
    }

    private static double sphere(Trial t) {
        return t.params().values().stream().mapToDouble(v -> ((Number) v).doubleValue() - 1.0).map(v -> v * v).sum();
    }

    private static double branin(Trial t) {
        double x = t.doubleParam("x0"), y = t.doubleParam("x1");
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, tt = 1 / (8 * Math.PI);
        return Math.pow(y - b * x * x + c * x - r, 2) + s * (1 - tt) * Math.cos(x) + s;
    }

    /** A LightGBM-like mixed space: log-float, int, log-int and categorical. */
    private static final Map<String, Distribution> MIXED = new LinkedHashMap<>(Map.of(
            "learning_rate", new Distribution.FloatRange(1e-3, 1, true),
            "num_leaves", new Distribution.IntRange(2, 256, true),
            "min_child_samples", new Distribution.IntRange(1, 100, false),
            "boosting", new Distribution.Categorical(List.of("gbdt", "dart", "goss"))));

    private static double mixed(Trial t) {
        double lr = Math.log10(t.doubleParam("learning_rate")) + 1.5;
        double leaves = Math.log(t.doubleParam("num_leaves")) - Math.log(31);
        double mcs = (t.doubleParam("min_child_samples") - 20) / 20.0;
        double cat = "dart".equals(t.params().get("boosting")) ? 0 : 0.5;
        return lr * lr + leaves * leaves + mcs * mcs + cat;
    }

    private static double bestOf(TpeSearch s, int n, ToDoubleFunction<Trial> f) {
        for (int i = 0; i < n; i++) {
            Trial t = s.ask();
            s.tell(t, f.applyAsDouble(t));
        }
        return s.best().orElseThrow().value().getAsDouble();
    }

    /** Random search = the same search that never leaves its startup phase. */
    private static double[] compare(Map<String, Distribution> space, ToDoubleFunction<Trial> f, int seeds, int trials) {
        int wins = 0;
        double[] tpe = new double[seeds];
        double[] random = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
            tpe[seed] = bestOf(TpeSearch.builder(space).seed(seed).build(), trials, f);
            random[seed] = bestOf(TpeSearch.builder(space).seed(seed + 1000).startupTrials(Integer.MAX_VALUE).build(), trials, f);
            if (tpe[seed] < random[seed]) wins++;
        }
        Arrays.sort(tpe);
        Arrays.sort(random);
        return new double[]{(double) wins / seeds, tpe[seeds / 2], random[seeds / 2]};
    }

    @Test
    void beatsRandomSearchOnStandardFunctionsOverManySeeds() {
        List<String> report = new ArrayList<>();
        Object[][] cases = {
                {"sphere-2d", floats(2, -5, 5), (ToDoubleFunction<Trial>) TpeSearchTest::sphere},
                {"sphere-4d", floats(4, -5, 5), (ToDoubleFunction<Trial>) TpeSearchTest::sphere},
                {"branin", new LinkedHashMap<>(Map.of("x0", new Distribution.FloatRange(-5, 10, false),
                        "x1", new Distribution.FloatRange(0, 15, false))), (ToDoubleFunction<Trial>) TpeSearchTest::branin},
                {"mixed", MIXED, (ToDoubleFunction<Trial>) TpeSearchTest::mixed}};
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            double[] r = compare((Map<String, Distribution>) c[1], (ToDoubleFunction<Trial>) c[2], 30, 60);
            report.add(String.format("%s: TPE wins %.0f%%, median best %.4f vs random %.4f", c[0], 100 * r[0], r[1], r[2]));
            assertTrue(r[0] >= 0.7 && r[1] < r[2], String.join("\n", report));
        }
        System.out.println(String.join("\n", report));
    }

    @Test
    void multivariateModeIsReproducibleAndBeatsRandomSearch() {
        Map<String, Distribution> space = floats(4, -5, 5);
        ToDoubleFunction<Trial> rosen = TpeSearchTest::sphere;
        int wins = 0;
        double[] joint = new double[30];
        double[] random = new double[30];
        for (int seed = 0; seed < 30; seed++) {
            joint[seed] = bestOf(TpeSearch.builder(space).seed(seed).multivariate(true).build(), 60, rosen);
            random[seed] = bestOf(TpeSearch.builder(space).seed(seed + 1000).startupTrials(Integer.MAX_VALUE).build(), 60, rosen);
            if (joint[seed] < random[seed]) wins++;
        }
        assertTrue(wins >= 21, "multivariate TPE beat random search on sphere-4d in " + wins + " of 30 seeds");
        assertEquals(bestOf(TpeSearch.builder(MIXED).seed(3).multivariate(true).build(), 30, TpeSearchTest::mixed),
                bestOf(TpeSearch.builder(MIXED).seed(3).multivariate(true).build(), 30, TpeSearchTest::mixed));
    }

    @Test
    void sameSeedSameSuggestionsAndOtherSeedsDiffer() {
        List<Map<String, Object>> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        for (List<Map<String, Object>> out : List.of(a, b, c)) {
            TpeSearch s = TpeSearch.builder(MIXED).seed(out == c ? 8 : 7).build();
            for (int i = 0; i < 25; i++) {
                Trial t = s.ask();
                out.add(t.params());
                s.tell(t, mixed(t));
            }
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void constantLiarSpreadsABatchAskedBeforeAnyResult() {
        double withLiar = 0, withoutLiar = 0;
        for (int seed = 0; seed < 20; seed++) {
            withLiar += minDistanceOfBatch(seed, true);
            withoutLiar += minDistanceOfBatch(seed, false);
        }
        assertTrue(withLiar > 2 * withoutLiar, "mean min pairwise distance: liar " + withLiar / 20 + ", no liar " + withoutLiar / 20);
    }

    private static double minDistanceOfBatch(int seed, boolean liar) {
        TpeSearch s = TpeSearch.builder(floats(2, -5, 5)).seed(seed).constantLiar(liar).build();
        bestOf(s, 20, TpeSearchTest::sphere);
        List<Trial> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) batch.add(s.ask());
        double min = Double.MAX_VALUE;
        for (int i = 0; i < batch.size(); i++) {
            for (int j = i + 1; j < batch.size(); j++) {
                double dx = batch.get(i).doubleParam("x0") - batch.get(j).doubleParam("x0");
                double dy = batch.get(i).doubleParam("x1") - batch.get(j).doubleParam("x1");
                min = Math.min(min, Math.hypot(dx, dy));
            }
        }
        return min;
    }

    @Test
    void enqueuedParametersComeFirstAndFailedTrialsAreIgnored() {
        TpeSearch s = TpeSearch.builder(MIXED).seed(1).startupTrials(2).build();
        Map<String, Object> warm = Map.of("learning_rate", 0.03, "num_leaves", 31, "min_child_samples", 20, "boosting", "dart");
        s.enqueue(warm);
        Trial first = s.ask();
        assertEquals(warm, first.params());
        s.tell(first, mixed(first));
        for (int i = 0; i < 5; i++) s.fail(s.ask());
        Trial t = s.ask();
        s.tell(t, Double.NaN);
        assertEquals(Trial.State.FAILED, s.trials().get(t.number()).state());
        assertEquals(first.number(), s.best().orElseThrow().number());
        assertThrows(IllegalStateException.class, () -> s.tell(first, 1.0));
        assertThrows(IllegalArgumentException.class, () -> s.enqueue(Map.of("learning_rate", 0.1)));
    }

    @Test
    void suggestionsStayInBoundsAndOnTheirGrid() {
        TpeSearch s = TpeSearch.builder(MIXED).seed(3).build();
        for (int i = 0; i < 80; i++) {
            Trial t = s.ask();
            double lr = t.doubleParam("learning_rate");
            int leaves = (Integer) t.params().get("num_leaves");
            int mcs = (Integer) t.params().get("min_child_samples");
            assertTrue(lr >= 1e-3 && lr <= 1 && leaves >= 2 && leaves <= 256 && mcs >= 1 && mcs <= 100, t.toString());
            assertTrue(List.of("gbdt", "dart", "goss").contains(t.params().get("boosting")));
            s.tell(t, mixed(t));
        }
    }

    @Test
    void defaultsAreOptuna5sMultivariateWithConstantLiar() {
        // same seed and calls: the default equals multivariate + constant liar, and differs from independent TPE
        List<Map<String, Object>> byDefault = suggestions(TpeSearch.builder(MIXED).seed(11).build());
        assertEquals(byDefault, suggestions(TpeSearch.builder(MIXED).seed(11).multivariate(true).constantLiar(true).build()));
        assertNotEquals(byDefault, suggestions(TpeSearch.builder(MIXED).seed(11).multivariate(false).build()));
        assertNotEquals(byDefault, suggestions(TpeSearch.builder(MIXED).seed(11).constantLiar(false).build()));
    }

    /** 12 trials told one by one, then a batch of 4 asked before any result (constant liar acts on it). */
    private static List<Map<String, Object>> suggestions(TpeSearch s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Trial t = s.ask();
            out.add(t.params());
            s.tell(t, mixed(t));
        }
        for (int i = 0; i < 4; i++) out.add(s.ask().params());
        return out;
    }

    @Test
    void prunedTrialsCountAsFinishedAndEndTheRandomStartup() {
        TpeSearch s = TpeSearch.builder(floats(2, -5, 5)).seed(4).startupTrials(4).build();
        for (int i = 0; i < 4; i++) {
            Trial t = s.ask();
            if (i % 2 == 0) s.prune(t, 10, sphere(t));
            else s.tell(t, sphere(t));
        }
        assertEquals(Trial.State.PRUNED, s.trials().get(0).state());
        assertEquals(10, s.trials().get(0).step().getAsInt());
        // 4 finished trials, one of them best: gamma(4) = 1, below = the better complete trial
        TpeSearch.Split split = s.split();
        assertEquals(1, split.below().size());
        assertEquals(Trial.State.COMPLETE, split.below().get(0).state());
        assertTrue(s.best().orElseThrow().state() == Trial.State.COMPLETE, "pruned trials are never the best");
    }

    @Test
    void concurrentAskAndTellFromManyThreadsRecordsEveryTrialOnce() throws Exception {
        TpeSearch s = TpeSearch.builder(MIXED).seed(9).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        Trial t = s.ask();
                        s.tell(t, mixed(t));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<Trial> all = s.trials();
        assertEquals(120, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).number());
            assertEquals(Trial.State.COMPLETE, all.get(i).state());
        }
    }

    @Test
    void gammaAndWeightsFollowOptunasDefinitions() {
        assertEquals(1, TpeSearch.gamma(1));
        assertEquals(1, TpeSearch.gamma(10));
        assertEquals(2, TpeSearch.gamma(11));
        assertEquals(25, TpeSearch.gamma(1000));
        assertTrue(Arrays.stream(TpeSearch.weights(24)).allMatch(w -> w == 1.0));
        double[] w = TpeSearch.weights(40);
        assertEquals(1.0 / 40, w[0], 1e-15);
        for (int i = 1; i < 15; i++) assertEquals((1.0 - 1.0 / 40) / 14, w[i] - w[i - 1], 1e-12, "linspace step");
        for (int i = 15; i < 40; i++) assertEquals(1.0, w[i]);
    }

    @Test
    void configSpaceMapsEveryType() {
        Map<String, Distribution> s = SearchSpaces.fromConfig(List.of(
                new ParamRange("num_leaves", ParamType.INT, 15, 255, List.of()),
                new ParamRange("learning_rate", ParamType.LOG_FLOAT, 0.005, 0.2, List.of()),
                new ParamRange("max_bin", ParamType.LOG_INT, 16, 1024, List.of()),
                new ParamRange("feature_fraction", ParamType.FLOAT, 0.4, 1.0, List.of()),
                new ParamRange("boosting", ParamType.CATEGORICAL, 0, 0, List.of("gbdt", "dart"))));
        assertEquals(List.of("num_leaves", "learning_rate", "max_bin", "feature_fraction", "boosting"), List.copyOf(s.keySet()));
        assertEquals(new Distribution.FloatRange(0.005, 0.2, true), s.get("learning_rate"));
        assertEquals(new Distribution.IntRange(16, 1024, true), s.get("max_bin"));
    }
}
