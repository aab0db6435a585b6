package com.alphaleak.training.tpe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The below / above split equals Optuna 5.0's {@code _split_trials} as {@code TPESampler._sample}
 * calls it with constant liar: gamma over finished (complete and pruned) trials only, running trials
 * above, pruned trials after complete ones by deepest step then value, failed ones left out.
 */
class TpeSplitOptunaTest {
    @Test
    void belowAndAboveTrialsEqualOptunasOnRandomStudies() throws IOException {
        JsonNode cases = ParzenEstimatorOptunaTest.fixture().get("splits");
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("x", new Distribution.FloatRange(0, 1, false));
        for (int c = 0; c < cases.size(); c++) {
            JsonNode k = cases.get(c);
            TpeSearch.Direction dir = "maximize".equals(k.get("direction").asText()) ? TpeSearch.Direction.MAXIMIZE : TpeSearch.Direction.MINIMIZE;
            TpeSearch s = TpeSearch.builder(space).direction(dir).build();
            for (JsonNode e : k.get("events")) s.enqueue(Map.of("x", e.get("x").asDouble()));
            List<Trial> asked = new ArrayList<>();
            for (int i = 0; i < k.get("events").size(); i++) asked.add(s.ask());
            for (int i = 0; i < asked.size(); i++) {
                JsonNode e = k.get("events").get(i);
                switch (e.get("state").asText()) {
                    case "complete" -> s.tell(asked.get(i), e.get("value").asDouble());
                    case "pruned" -> {
                        if (e.has("step")) s.prune(asked.get(i), e.get("step").asInt(), e.get("value").isNull() ? Double.NaN : e.get("value").asDouble());
                        else s.prune(asked.get(i));
                    }
                    case "failed" -> s.fail(asked.get(i));
                    default -> { } // running
                }
            }
            TpeSearch.Split split = s.split();
            assertEquals(numbers(k.get("below")), split.below().stream().map(Trial::number).toList(), "case " + c + " below");
            assertEquals(numbers(k.get("above")), split.above().stream().map(Trial::number).toList(), "case " + c + " above");
        }
    }

    private static List<Integer> numbers(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
