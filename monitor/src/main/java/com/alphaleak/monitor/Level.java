package com.alphaleak.monitor;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Severity of one check or one window; ordered from least to most severe (insufficient aside). */
public enum Level {
    /** Not enough matured data for this check or window: no verdict, never an alarm. */
    INSUFFICIENT_DATA,
    OK,
    WATCH,
    ACT;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level max(Level a, Level b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
