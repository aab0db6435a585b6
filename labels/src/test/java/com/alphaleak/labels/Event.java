package com.alphaleak.labels;

import java.time.Instant;

/** An event row for tests: id, time and one pass-through column. */
record Event(String id, Instant time, String wallet) {
    Event(String id, Instant time) {
        this(id, time, "w-" + id);
    }
}
