package com.alphaleak.registry;

/**
 * What a feature holds when its value does not exist. No policy imputes: LightGBM's native
 * missing-value handling learns where missing rows go, and serving must send the same NaN.
 */
public enum MissingPolicy {
    /** Null in the table, NaN in the model input: no source row known at the signal time, or the source value was null. */
    NAN,
    /** NaN as above, and also NaN when the derivation is undefined (a zero denominator). */
    NAN_WHEN_UNDEFINED;

    public String describe() {
        return switch (this) {
            case NAN -> "NaN when no source row was known at the event time or the value is null";
            case NAN_WHEN_UNDEFINED -> "NaN when an input is missing or the denominator is zero";
        };
    }
}
