package com.alphaleak.training.tpe;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One trial of a search. Parameter values are {@code Double}, {@code Integer} or {@code String}
 * per the parameter's {@link Distribution}.
 *
 * @param number 0-based, in ask order
 */
public record Trial(int number, Map<String, Object> params, State state, OptionalDouble value) {
    public enum State { RUNNING, COMPLETE, FAILED }

    public Trial {
        params = Map.copyOf(params);
    }

    public double doubleParam(String name) {
        return ((Number) params.get(name)).doubleValue();
    }
}
