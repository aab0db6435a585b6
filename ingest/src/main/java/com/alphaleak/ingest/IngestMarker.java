package com.alphaleak.ingest;

import com.alphaleak.config.IngestMode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an ingest commit records in its Delta {@code userMetadata}: the source, the mode and how far
 * it got (the watermark for append and upsert, the capture time for snapshot). Stored in the same
 * commit as the rows, so the position and the data can never disagree: a crash before the commit
 * leaves both as they were, after it both are there.
 */
public record IngestMarker(String source, IngestMode mode, Optional<Watermark> watermark, Optional<Instant> capture) {
    static final String PREFIX = "alphaleak-ingest";

    public String encode() {
        return PREFIX + " source=" + source + " mode=" + mode.configName()
                + watermark.map(w -> " watermark=" + w.encode()).orElse("")
                + capture.map(c -> " capture=" + c).orElse("");
    }

    /** The marker in a commit's userMetadata, empty when the commit was not an ingest commit. */
    public static Optional<IngestMarker> parse(String userMetadata) {
        if (userMetadata == null || !userMetadata.startsWith(PREFIX + " ")) return Optional.empty();
        Map<String, String> kv = new HashMap<>();
        for (String part : userMetadata.substring(PREFIX.length() + 1).split(" ")) {
            int i = part.indexOf('=');
            if (i > 0) kv.put(part.substring(0, i), part.substring(i + 1));
        }
        IngestMode mode = null;
        for (IngestMode m : IngestMode.values()) {
            if (m.configName().equals(kv.get("mode"))) mode = m;
        }
        return Optional.of(new IngestMarker(kv.get("source"), mode, Watermark.decode(kv.get("watermark")),
                Optional.ofNullable(kv.get("capture")).map(Instant::parse)));
    }
}
