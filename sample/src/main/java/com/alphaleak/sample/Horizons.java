package com.alphaleak.sample;

import com.alphaleak.contracts.Horizon;

/** PeakTracker horizons in micros, in {@link Horizon} order. */
final class Horizons {
    private Horizons() {}

    static final Horizon[] ALL = Horizon.values();
    static final long[] MICROS = new long[ALL.length];

    static {
        for (int h = 0; h < ALL.length; h++) {
            MICROS[h] = ALL[h].duration().toNanos() / 1000;
        }
    }

    static int count() {
        return ALL.length;
    }
}
