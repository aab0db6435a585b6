package com.alphaleak.training.tpe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Side by side with the real Optuna 5.0: the fixture {@code tpe/optuna-5.0-tpe.json} holds what
 * Optuna's own {@code _ParzenEstimator} and {@code _split_trials} computed for random inputs; it
 * is written by {@code training/src/test/python/optuna_tpe_fixture.py} (the source of truth, rerun
 * it rather than editing the JSON), so CI needs no Python.
 */
class ParzenEstimatorOptunaTest {
    static JsonNode fixture() throws IOException {
        try (InputStream in = ParzenEstimatorOptunaTest.class.getResourceAsStream("/tpe/optuna-5.0-tpe.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Distribution distribution(JsonNode p) {
        return switch (p.get("type").asText()) {
            case "float" -> new Distribution.FloatRange(p.get("low").asDouble(), p.get("high").asDouble(), false);
            case "log-float" -> new Distribution.FloatRange(p.get("low").asDouble(), p.get("high").asDouble(), true);
            case "int" -> new Distribution.IntRange(p.get("low").asInt(), p.get("high").asInt(), false);
            case "log-int" -> new Distribution.IntRange(p.get("low").asInt(), p.get("high").asInt(), true);
            default -> {
                List<String> choices = new ArrayList<>();
                p.get("choices").forEach(c -> choices.add(c.asText()));
                yield new Distribution.Categorical(choices);
            }
        };
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

    @Test
    void weightsBandwidthsCentresAndLogDensitiesEqualOptunas() throws IOException {
        JsonNode cases = fixture().get("estimators");
        assertEquals(40, cases.size());
        for (int c = 0; c < cases.size(); c++) {
            JsonNode k = cases.get(c);
            List<InternalSpace> spaces = new ArrayList<>();
            k.get("space").forEach(p -> spaces.add(InternalSpace.of(distribution(p))));
            double[][] obs = new double[k.get("observations").size()][];
            for (int i = 0; i < obs.length; i++) obs[i] = doubles(k.get("observations").get(i));
            ParzenEstimator pe = new ParzenEstimator(spaces, obs, TpeSearch.weights(obs.length));
            String where = "case " + c + " " + k.get("space");
            assertArrayEquals(doubles(k.get("weights")), pe.weights(), 1e-14, where);
            for (int p = 0; p < spaces.size(); p++) {
                JsonNode kernel = k.get("kernels").get(p);
                if (kernel.has("categorical")) {
                    for (int r = 0; r < kernel.get("categorical").size(); r++) {
                        assertArrayEquals(doubles(kernel.get("categorical").get(r)), pe.categoricalWeights(p)[r], 1e-14, where);
                    }
                } else {
                    assertArrayEquals(doubles(kernel.get("mus")), pe.mus(p), 1e-12, where + " mus of p" + p);
                    assertArrayEquals(doubles(kernel.get("sigmas")), pe.sigmas(p), 1e-12, where + " sigmas of p" + p);
                }
            }
            double[] expected = doubles(k.get("log_pdf"));
            for (int i = 0; i < expected.length; i++) {
                double[] x = doubles(k.get("points").get(i));
                assertEquals(expected[i], pe.logPdf(x), 1e-9 * Math.max(1, Math.abs(expected[i])), where + " point " + i);
            }
        }
    }
}
