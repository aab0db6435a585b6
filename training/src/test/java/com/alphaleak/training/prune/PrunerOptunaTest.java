package com.alphaleak.training.prune;

import com.alphaleak.training.tpe.TpeSearch.Direction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays asynchronous studies through the Java pruners and expects Optuna 5.0's decision at every
 * report. The fixture {@code prune/optuna-5.0-pruners.json} was recorded from the real wheel by
 * {@code training/src/test/python/optuna_pruner_fixture.py} (the source of truth: rerun it rather
 * than editing the JSON), so CI needs no Python.
 */
class PrunerOptunaTest {

    private static Pruner pruner(JsonNode spec, String studyName) {
        Direction dir = "maximize".equals(spec.get("direction").asText()) ? Direction.MAXIMIZE : Direction.MINIMIZE;
        Integer minResource = spec.get("min_resource").isNull() ? null : spec.get("min_resource").asInt();
        if ("sha".equals(spec.get("kind").asText())) {
            return new SuccessiveHalvingPruner(minResource, spec.get("reduction_factor").asInt(),
                    spec.get("min_early_stopping_rate").asInt(), spec.get("bootstrap_count").asInt(), dir);
        }
        Integer maxResource = spec.get("max_resource").isNull() ? null : spec.get("max_resource").asInt();
        return new HyperbandPruner(studyName, minResource, maxResource, spec.get("reduction_factor").asInt(),
                spec.get("bootstrap_count").asInt(), dir);
    }

    @Test
    void successiveHalvingAndHyperbandDecideAsOptunaOnRecordedAsynchronousStudies() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/prune/optuna-5.0-pruners.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        int decisions = 0, prunes = 0;
        for (int c = 0; c < fixture.get("cases").size(); c++) {
            JsonNode k = fixture.get("cases").get(c);
            Pruner p = pruner(k.get("pruner"), fixture.get("study_name").asText());
            int e = 0;
            for (JsonNode event : k.get("events")) {
                int trial = event.get(0).asInt();
                if (event.size() == 1) {
                    p.complete(trial);
                } else {
                    double value = event.get(2).isNull() ? Double.NaN : event.get(2).asDouble();
                    boolean expected = event.get(3).asInt() == 1;
                    assertEquals(expected, p.report(trial, event.get(1).asInt(), value),
                            "case " + c + " " + k.get("pruner") + " event " + e + ": trial " + trial + " step " + event.get(1) + " value " + value);
                    decisions++;
                    if (expected) prunes++;
                }
                e++;
            }
        }
        assertTrue(decisions > 2000 && prunes > 300, decisions + " decisions, " + prunes + " prunes");
    }
}
