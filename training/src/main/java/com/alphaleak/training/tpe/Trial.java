package com.alphaleak.training.tpe;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One trial of a search. Parameter values are {@code Double}, {@code Integer} or {@code String}
 * per the parameter's {@link Distribution}.
 *
 * @param number 0-based, in ask order
 * @param value  the objective (COMPLETE), or the last intermediate value if any (PRUNED)
 * @param step   the step of that last intermediate value (PRUNED), empty otherwise
 */
public record Trial(int number, Map<String, Object> params, State state, OptionalDouble value, OptionalInt step) {
    public enum State { RUNNING, COMPLETE, PRUNED, FAILED }

    public Trial {
        params = Map.copyOf(params);
    }

    public Trial(int number, Map<String, Object> params, State state, OptionalDouble value) {
        this(number, params, state, value, OptionalInt.empty());
    }

    public double doubleParam(String name) {
        return ((Number) params.get(name)).doubleValue();
    }

    /** COMPLETE or PRUNED: finished trials are what the model and Optuna's gamma count. */
    public boolean isFinished() {
        return state == State.COMPLETE || state == State.PRUNED;
    }
}
