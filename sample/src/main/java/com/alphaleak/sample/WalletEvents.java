package com.alphaleak.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * A wallet's history as a time-ordered event list: buys, sells (exits), token resolutions and
 * observed 1 h outcomes, all at or before "now". At equal instants, information (resolutions,
 * outcomes) is applied before trades, then by entry order.
 */
final class WalletEvents {
    private WalletEvents() {}

    enum Type { RESOLUTION, OUTCOME, BUY, SELL }

    record Event(long time, Type type, int entry) {}

    static List<Event> of(List<WalletEntry> entries, long now) {
        List<Event> events = new ArrayList<>(entries.size() * 4);
        for (int i = 0; i < entries.size(); i++) {
            WalletEntry e = entries.get(i);
            events.add(new Event(e.time, Type.BUY, i));
            if (e.exit <= now) {
                events.add(new Event(e.exit, Type.SELL, i));
            }
            if (e.resolvedAt <= now) {
                events.add(new Event(e.resolvedAt, Type.RESOLUTION, i));
            }
            if (e.outcomeAt <= now) {
                events.add(new Event(e.outcomeAt, Type.OUTCOME, i));
            }
        }
        events.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                : a.type != b.type ? a.type.compareTo(b.type) : Integer.compare(a.entry, b.entry));
        return events;
    }

    static void apply(Event ev, List<WalletEntry> entries, WalletHistoryState state) {
        WalletEntry e = entries.get(ev.entry());
        switch (ev.type()) {
            case BUY -> state.buy(e);
            case SELL -> state.sell(e);
            case RESOLUTION -> state.resolve(e);
            case OUTCOME -> state.outcome(e);
        }
    }
}
