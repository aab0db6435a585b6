package com.alphaleak.ingest;

import com.alphaleak.config.IngestMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The position an ingest commit carries, and the literal it becomes in SQL. */
class IngestMarkerTest {
    @Test
    void aWatermarkWithSpacesQuotesAndOffsetsSurvivesTheCommitMetadataAndBecomesAnExactLiteral() {
        Watermark w = new Watermark("2026-01-05 11:51:40.810391+00", "timestamp with time zone");
        IngestMarker m = new IngestMarker("signals", IngestMode.APPEND, Optional.of(w), Optional.empty());
        assertEquals(Optional.of(m), IngestMarker.parse(m.encode()));
        assertEquals("CAST('2026-01-05 11:51:40.810391+00' AS timestamp with time zone)", w.literal());
        assertEquals("CAST('it''s' AS text)", new Watermark("it's", "text").literal());
        IngestMarker snap = new IngestMarker("wallet-features", IngestMode.SNAPSHOT, Optional.empty(),
                Optional.of(Instant.parse("2026-01-05T12:30:00Z")));
        assertEquals(Optional.of(snap), IngestMarker.parse(snap.encode()));
        assertTrue(IngestMarker.parse("generate-sample v1 ...").isEmpty(), "other commits are not ingest commits");
        assertTrue(IngestMarker.parse(null).isEmpty());
    }

    @Test
    void scrubbingRemovesThePasswordAndUrlParameters() {
        var config = com.alphaleak.config.ConfigLoader.defaults().ingest();
        LiveCredentials c = LiveCredentials.resolve(config, java.util.Map.of(config.userEnv(), "u", config.passwordEnv(), "s3cr3t-pw"));
        String scrubbed = c.scrub("connect to jdbc:postgresql://db:5432/live?sslmode=require&password=other failed: s3cr3t-pw");
        assertFalse(scrubbed.contains("s3cr3t-pw"), scrubbed);
        assertFalse(scrubbed.contains("other"), scrubbed);
        assertTrue(scrubbed.contains("jdbc:postgresql://db:5432/live?***"), scrubbed);
        assertFalse(c.toString().contains("s3cr3t-pw"));
    }
}
