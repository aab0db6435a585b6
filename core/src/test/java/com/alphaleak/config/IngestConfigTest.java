package com.alphaleak.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest section of the typed configuration, loaded by the one ConfigLoader. */
class IngestConfigTest {

    private static IngestConfig ingest(Map<String, String> overrides) {
        return ConfigLoader.load(Optional.empty(), overrides).ingest();
    }

    private static String problems(Map<String, String> overrides) {
        return String.join("\n", assertThrows(ConfigValidationException.class, () -> ingest(overrides)).problems());
    }

    @Test
    void defaultsMapTheSampleLiveSchemaOntoEveryInputTableButTheOracle() {
        IngestConfig c = ConfigLoader.defaults().ingest();
        assertTrue(c.url().isEmpty());
        assertEquals("ALPHALEAK_PG_PASSWORD", c.passwordEnv());
        assertEquals(10, c.sources().size());
        assertEquals(4, c.parallelSources());
        IngestConfig.Source signals = c.select(java.util.List.of("signals")).get(0);
        assertEquals(IngestMode.APPEND, signals.mode());
        assertEquals(Optional.of("fired_at"), signals.watermark());
        assertEquals(Optional.of("id"), signals.columns().get("signal_id"));
        assertEquals(4, signals.partitions());
        assertEquals(IngestMode.SNAPSHOT, c.select(java.util.List.of("wallet-features")).get(0).mode());
        assertEquals("wallet-features", c.select(java.util.List.of("wallet-features")).get(0).target().name());
    }

    @Test
    void parallelSourcesMustBePositive() {
        assertEquals(1, ingest(Map.of("ingest.parallel-sources", "1")).parallelSources());
        assertTrue(problems(Map.of("ingest.parallel-sources", "0")).contains("ingest.parallel-sources"));
    }

    @Test
    void unknownTargetsColumnsModesAndKeysAreReportedTogether() {
        String msg = problems(Map.of(
                "ingest.sources.signals.target", "signalz",
                "ingest.sources.outcomes.columns.peak_2h", "x",
                "ingest.sources.creator-stats.mode", "replace",
                "ingest.sources.token-state.partition", "4"));
        assertTrue(msg.contains("ingest.sources.signals.target must be one of the input tables"), msg);
        assertTrue(msg.contains("ingest.sources.outcomes.columns.peak_2h is not a column of outcomes"), msg);
        assertTrue(msg.contains("ingest.sources.creator-stats.mode must be one of [append, upsert, snapshot]"), msg);
        assertTrue(msg.contains("ingest.sources.token-state.partition is an unknown key"), msg);
    }

    @Test
    void modeRequirementsAreCheckedAtLoad() {
        String msg = problems(Map.of(
                "ingest.sources.wallet-features.watermark", "updated_at",
                "ingest.sources.wallet-features.columns.known_at", "updated_at",
                "ingest.sources.signals.watermark", "null",
                "ingest.sources.signals.columns.wallet", "null",
                "ingest.sources.market-regime.mode", "snapshot",
                "ingest.sources.market-regime.watermark", "null",
                "ingest.sources.graph-scores.target", "wallet-features"));
        assertTrue(msg.contains("wallet-features.watermark must be null in snapshot mode"), msg);
        assertTrue(msg.contains("wallet-features.columns.known_at is set by ingest in snapshot mode"), msg);
        assertTrue(msg.contains("signals.watermark is required in append mode"), msg);
        assertTrue(msg.contains("signals.columns.wallet is required by the contract of signals and cannot be null"), msg);
        assertTrue(msg.contains("market-regime.mode snapshot needs a keyed table"), msg);
        assertTrue(msg.contains("is wallet-features, already the target of source"), msg);
    }

    @Test
    void aUrlCarryingCredentialsIsRefusedWithoutShowingThem() {
        for (String url : new String[]{"jdbc:postgresql://db:5432/live?user=u&password=hunter2-secret",
                "jdbc:postgresql://u:hunter2-secret@db/live"}) {
            var e = assertThrows(ConfigValidationException.class, () -> ingest(Map.of("ingest.url", url)));
            assertTrue(e.getMessage().contains("carries credentials (value not shown)"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
        }
        assertEquals(Optional.of("jdbc:postgresql://db:5432/live"), ingest(Map.of("ingest.url", "jdbc:postgresql://db:5432/live")).url());
    }

    @Test
    void aProfileRemovesADefaultSourceWithNull() {
        assertEquals(9, ingest(Map.of("ingest.sources.genesis-outcomes", "null")).sources().size());
    }
}
