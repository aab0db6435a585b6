package com.alphaleak.labels;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;

import java.util.Objects;

/**
 * Which events an outcome table belongs to: the event table (signals, or genesis windows), its id
 * column, the instant outcomes are measured from, and the outcome table contract. The same
 * labelling code serves signal and genesis models through this pairing.
 *
 * @param eventTable  name of the event table, used in error messages
 * @param idColumn    non-null id of an event; the outcome table's id column must hold the same values
 * @param timeColumn  non-null timestamp the horizons are measured from: horizon H of an event at
 *                    time t covers {@code (t, t + H]}
 * @param outcomes    contract of the outcome table (one row per event id, {@code peak_multiple_<H>},
 *                    {@code observed_at_<H>})
 */
public record LabelSource(String eventTable, String idColumn, String timeColumn, TableContract outcomes) {

    /** Wallet buy signals and their PeakTracker outcomes, measured from {@code signal_time}. */
    public static final LabelSource SIGNALS = new LabelSource(Contracts.SIGNALS.name(), "signal_id", "signal_time",
            Contracts.OUTCOMES);

    /** Genesis windows and their token-level outcomes, measured from {@code window_end}. */
    public static final LabelSource GENESIS = new LabelSource(Contracts.GENESIS_WINDOWS.name(), "token", "window_end",
            Contracts.GENESIS_OUTCOMES);

    public LabelSource {
        Objects.requireNonNull(eventTable, "eventTable");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(outcomes, "outcomes");
        if (outcomes.idColumn().isEmpty()) {
            throw new IllegalArgumentException("outcome table '" + outcomes.name() + "' has no id column");
        }
    }

    public String outcomeTable() {
        return outcomes.name();
    }

    public String outcomeIdColumn() {
        return outcomes.idColumn().orElseThrow();
    }
}
