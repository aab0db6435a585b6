package com.alphaleak.training.tpe;

import com.alphaleak.config.ParamRange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a search space from the {@code alphaleak.tuning.space} configuration. */
public final class SearchSpaces {
    private SearchSpaces() {}

    /** Parameter order follows the configuration; names are the LightGBM snake-case names. */
    public static Map<String, Distribution> fromConfig(List<ParamRange> ranges) {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (ParamRange r : ranges) {
            Distribution d = switch (r.type()) {
                case "float" -> new Distribution.FloatRange(r.low(), r.high(), false);
                case "log-float" -> new Distribution.FloatRange(r.low(), r.high(), true);
                case "int" -> new Distribution.IntRange((int) r.low(), (int) r.high(), false);
                case "log-int" -> new Distribution.IntRange((int) r.low(), (int) r.high(), true);
                case "categorical" -> new Distribution.Categorical(r.choices());
                default -> throw new IllegalArgumentException("unknown parameter type '" + r.type() + "' of " + r.name());
            };
            space.put(r.name(), d);
        }
        return space;
    }
}
