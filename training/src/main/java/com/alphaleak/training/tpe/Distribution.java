package com.alphaleak.training.tpe;

import java.util.List;

/** The domain of one search parameter. Numerical bounds are inclusive. */
public sealed interface Distribution permits Distribution.FloatRange, Distribution.IntRange, Distribution.Categorical {

    /** A real parameter in [low, high]; with {@code log}, searched uniformly in log space (low > 0). */
    record FloatRange(double low, double high, boolean log) implements Distribution {
        public FloatRange {
            if (!(low < high) || (log && low <= 0)) throw new IllegalArgumentException("bad float range [" + low + ", " + high + "], log=" + log);
        }
    }

    /** An integer parameter in [low, high]; with {@code log}, searched in log space (low >= 1). */
    record IntRange(int low, int high, boolean log) implements Distribution {
        public IntRange {
            if (low > high || (log && low < 1)) throw new IllegalArgumentException("bad int range [" + low + ", " + high + "], log=" + log);
        }
    }

    /** One of a fixed list of values. */
    record Categorical(List<String> choices) implements Distribution {
        public Categorical {
            choices = List.copyOf(choices);
            if (choices.isEmpty()) throw new IllegalArgumentException("a categorical parameter needs choices");
        }
    }
}
