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
                case FLOAT -> new Distribution.FloatRange(r.low(), r.high(), false);
                case LOG_FLOAT -> new Distribution.FloatRange(r.low(), r.high(), true);
                // ConfigLoader has checked that integer bounds are whole numbers within int range.
                case INT -> new Distribution.IntRange((int) r.low(), (int) r.high(), false);
                case LOG_INT -> new Distribution.IntRange((int) r.low(), (int) r.high(), true);
                case CATEGORICAL -> new Distribution.Categorical(r.choices());
            };
            space.put(r.name(), d);
        }
        return space;
    }
}
