package com.alphaleak.labels;

import java.time.Duration;
import java.time.Instant;

/** Spark timestamps have microsecond precision; instants are compared as epoch microseconds. */
final class Micros {
    private Micros() {}

    /** Epoch microseconds of {@code instant}, truncated (floor) to the microsecond. */
    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static long of(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L)).plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
