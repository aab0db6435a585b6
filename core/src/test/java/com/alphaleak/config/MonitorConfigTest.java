package com.alphaleak.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor section of the typed configuration, loaded by the one ConfigLoader. */
class MonitorConfigTest {

    private static MonitorConfig monitor(Map<String, String> overrides) {
        return ConfigLoader.load(Optional.empty(), overrides).monitor();
    }

    @Test
    void defaultsAreValidAndAsDocumented() {
        MonitorConfig c = ConfigLoader.defaults().monitor();
        assertEquals(Duration.ofDays(2), c.window());
        assertEquals(Duration.ofDays(1), c.step());
        assertEquals(2, c.stepsPerWindow());
        assertEquals(Duration.ofMinutes(15), c.maturityGrace());
        assertEquals(50, c.minMaturedPositives());
        assertEquals(0.1, c.psiWatch());
        assertEquals(0.2, c.psiAct());
        assertEquals(3.0, c.bandK());
        assertEquals(List.of(0.8, 0.9), c.thresholds());
        assertTrue(c.backtest().orElseThrow().path().orElseThrow().endsWith("target/alphaleak/backtest/scored"),
                "by default the table the backtest command writes");
        assertTrue(c.asOf().isEmpty());
        assertTrue(c.scoredSignals().path().orElseThrow().endsWith("target/alphaleak/live/scored_signals"));
        assertEquals(ConfigLoader.defaults().publish().root(), c.models(), "deployed models are read from the published store");
    }

    @Test
    void overridesAndProblemsAreReportedTogether() {
        MonitorConfig c = monitor(Map.of("monitor.window", "12h", "monitor.step", "6h",
                "monitor.as-of", "2026-01-20T00:00:00Z", "monitor.backtest.path", "s3a://bucket/backtest"));
        assertEquals(Duration.ofHours(12), c.window());
        assertEquals("s3a://bucket/backtest", c.backtest().orElseThrow().path().orElseThrow());
        assertEquals("2026-01-20T00:00:00Z", c.asOf().orElseThrow().toString());

        var e = assertThrows(ConfigValidationException.class, () -> monitor(
                Map.of("monitor.window", "5h", "monitor.step", "2h", "monitor.psi-act", "0.05", "monitor.as-of", "soon")));
        String msg = String.join("\n", e.problems());
        assertTrue(msg.contains("whole multiple"), msg);
        assertTrue(msg.contains("psi-act"), msg);
        assertTrue(msg.contains("ISO-8601"), msg);
        assertEquals(3, e.problems().size(), msg);
        var unknown = assertThrows(ConfigValidationException.class, () -> monitor(Map.of("monitor.psi-acts", "0.3")));
        assertTrue(unknown.getMessage().contains("did you mean 'psi-act'"), unknown.getMessage());
    }

    @Test
    void monitorDurationsNeedAUnitAndAWholeNumber() {
        var bare = assertThrows(ConfigValidationException.class, () -> monitor(Map.of("monitor.maturity-grace", "15")));
        assertTrue(bare.getMessage().contains("alphaleak.monitor.maturity-grace must be a duration"), bare.getMessage());
        var fraction = assertThrows(ConfigValidationException.class, () -> monitor(Map.of("monitor.window", "1.5d")));
        assertTrue(fraction.getMessage().contains("alphaleak.monitor.window must be a duration"), fraction.getMessage());
    }
}
