package com.alphaleak.monitor;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The monitor's verdict for a model (and, as the most severe over models, for a run). */
public enum Decision {
    HEALTHY,
    /** Too few matured outcomes in the newest window for any verdict; never triggers a retrain. */
    INSUFFICIENT_DATA,
    WATCH,
    RETRAIN;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Decision parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Most severe first: retrain > watch > insufficient_data > healthy. */
    public static Decision worst(Decision a, Decision b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
