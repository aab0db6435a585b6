package com.alphaleak.labels;

import com.alphaleak.contracts.Horizon;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Timestamp;
import java.time.Instant;

/** A mutable outcome row for tests, in the column order of the outcome contracts. */
final class Outcome {
    final String id;
    Double priceAtStart = 1e-6;
    final Double[] peaks = new Double[Horizon.values().length];
    final Instant[] observed = new Instant[Horizon.values().length];

    private Outcome(String id) {
        this.id = id;
    }

    static Outcome of(String id) {
        return new Outcome(id);
    }

    /** Observed exactly when the horizon of an event at {@code eventTime} ends. */
    Outcome at(Horizon h, double peak, Instant eventTime) {
        return set(h, peak, eventTime.plus(h.duration()));
    }

    Outcome set(Horizon h, Double peak, Instant observedAt) {
        peaks[h.ordinal()] = peak;
        observed[h.ordinal()] = observedAt;
        return this;
    }

    Outcome copy(String newId) {
        Outcome o = new Outcome(newId);
        o.priceAtStart = priceAtStart;
        System.arraycopy(peaks, 0, o.peaks, 0, peaks.length);
        System.arraycopy(observed, 0, o.observed, 0, observed.length);
        return o;
    }

    Row toRow() {
        Object[] v = new Object[2 + 2 * peaks.length];
        v[0] = id;
        v[1] = priceAtStart;
        for (int i = 0; i < peaks.length; i++) {
            v[2 + 2 * i] = peaks[i];
            v[3 + 2 * i] = observed[i] == null ? null : Timestamp.from(observed[i]);
        }
        return RowFactory.create(v);
    }
}
