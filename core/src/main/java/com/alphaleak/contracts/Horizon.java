package com.alphaleak.contracts;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** A PeakTracker horizon: the peak multiple is measured over {@code (signal time, signal time + duration]}. */
public enum Horizon {
    M10("10m", Duration.ofMinutes(10)),
    M30("30m", Duration.ofMinutes(30)),
    H1("1h", Duration.ofHours(1)),
    H4("4h", Duration.ofHours(4)),
    H24("24h", Duration.ofHours(24));

    private final String label;
    private final Duration duration;

    Horizon(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    /** Short label used in column and target names: {@code 10m}, {@code 30m}, {@code 1h}, {@code 4h}, {@code 24h}. */
    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    /** Outcome column holding the peak multiple for this horizon. */
    public String peakColumn() {
        return "peak_multiple_" + label;
    }

    /** Outcome column holding when PeakTracker finalised this horizon. */
    public String observedAtColumn() {
        return "observed_at_" + label;
    }

    public static Horizon parse(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(h -> h.label.equals(l)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown horizon '" + label + "'; known: "
                        + Arrays.stream(values()).map(Horizon::label).toList()));
    }
}
