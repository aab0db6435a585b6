package com.alphaleak.monitor;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.MonitorConfig;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor job end to end on real Delta tables: a live world with a regime shift at day 16
 * 12:00, the model published to the store and its validation period as backtest.
 */
class ModelMonitorTest extends SharedSpark {

    private static LiveWorld world;
    private static String worldDir;

    /** One world for the class (Delta writes dominate the test time): tables, sidecar, backtest. */
    private static synchronized LiveWorld world() throws Exception {
        if (world == null) {
            worldDir = Files.createTempDirectory("monitor-world").toString();
            world = setUp(worldDir, 1200);
        }
        return world;
    }

    /** Writes the live tables, sidecar and backtest under work-dir; returns the world. */
    private static LiveWorld setUp(String workDir, int perDay) throws Exception {
        LiveWorld w = LiveWorld.generate(LiveWorld.Spec.stable(42, 20, perDay)
                .shifted(DriftDetectionEvaluationTest.SHIFT_DAY, -0.5, true));
        w.writeTo(spark(), workDir);
        return w;
    }

    private static MonitorConfig config(String workDir) {
        return TestConfigs.with(Map.of("run.work-dir", workDir, "monitor.backtest.path", workDir + "/backtest"));
    }

    @Test
    void detectsTheShiftWritesReportAndHistoryAndAgreesWithTheJavaPath() throws Exception {
        LiveWorld world = world();
        String dir = worldDir;
        MonitorConfig cfg = config(dir);

        Instant before = world.day(15).plus(Duration.ofHours(2));
        ModelMonitor.Result r1 = ModelMonitor.builder(spark()).config(cfg).runId("r1").asOf(before).execute();
        assertNotEquals(Decision.RETRAIN, r1.decision(), r1.report().models().get(0).reasons().toString());
        assertEquals(0, r1.exitCode());
        ModelReport m1 = r1.report().models().get(0);
        assertEquals("backtest", m1.bandsSource());
        assertTrue(Files.exists(Path.of(cfg.bandsDir(), AlertBands.fileName(LiveWorld.MODEL))));
        assertEquals(LiveWorld.FEATURES, m1.featuresMonitored());

        Instant after = world.day(19).plus(Duration.ofHours(2));
        ModelMonitor.Result r2 = ModelMonitor.builder(spark()).config(cfg).runId("r2").asOf(after).execute();
        assertEquals(Decision.RETRAIN, r2.decision());
        assertEquals(ExitCodes.RETRAIN_RECOMMENDED, r2.exitCode());
        ModelReport m2 = r2.report().models().get(0);
        assertEquals("file", m2.bandsSource());
        assertTrue(m2.reasons().stream().anyMatch(s -> s.contains("feature drift")), m2.reasons().toString());
        assertTrue(m2.reasons().stream().anyMatch(s -> s.contains("calibration in the large")), m2.reasons().toString());
        String summary = MonitorSummary.render(r2);
        assertTrue(summary.contains(LiveWorld.MODEL + " ") && summary.contains("(exit 10)")
                && summary.endsWith("retraining recommended" + System.lineSeparator()), summary);

        // the report on disk is the latest run's, snake_case, and reads back
        String json = Files.readString(Path.of(cfg.report()));
        assertTrue(json.contains("\"matured_signals\"") && json.contains("\"decision\" : \"retrain\""), json.substring(0, 300));
        assertEquals(r2.report().models().get(0).windows().size(), MonitorReport.fromJson(json).models().get(0).windows().size());

        // the history has one row per run; the newest decision is what run --if-drift reads
        List<Row> history = spark().read().format("delta").load(cfg.history()).orderBy("as_of").collectAsList();
        assertEquals(2, history.size());
        assertEquals("r2", history.get(1).getAs("run_id"));
        assertEquals(Map.of(LiveWorld.MODEL, Decision.RETRAIN), MonitorHistory.latestDecisions(spark(), cfg.history()));
        assertEquals(List.of(LiveWorld.MODEL), MonitorHistory.modelsToRetrain(spark(), cfg.history()));
        assertEquals(List.of(LiveWorld.TARGET), MonitorHistory.targetsToRetrain(spark(), cfg.history()));
        assertEquals(1, r2.historyVersion());

        // the Spark aggregation gives exactly the windows the Java path gives
        ModelContext ctx = new ModelContext(LiveWorld.MODEL, LiveWorld.TARGET, world.sidecar(world.day(0), world.day(10)),
                m2.bands(), "file");
        ModelReport java = world.monitor(after, ctx, cfg);
        assertEquals(java.decision(), m2.decision());
        for (int i = 0; i < java.windows().size(); i++) {
            WindowMetrics a = java.windows().get(i), b = m2.windows().get(i);
            assertEquals(a.start(), b.start());
            assertEquals(a.scoredSignals(), b.scoredSignals());
            assertEquals(a.maturedSignals(), b.maturedSignals());
            assertEquals(a.unmaturedSignals(), b.unmaturedSignals());
            assertEquals(a.positives(), b.positives());
            assertEquals(a.ece(), b.ece(), 1e-12);
            assertEquals(a.prAuc(), b.prAuc(), 1e-12);
            for (String f : LiveWorld.FEATURES) assertEquals(a.psi().get(f), b.psi().get(f), 1e-12, f);
            assertEquals(a.level(), b.level());
        }
        // bands from the backtest equal the Java path's bands
        AlertBands javaBands = world.bands(world.day(10), world.day(14), cfg);
        assertEquals(javaBands.band(AlertBands.ECE).mean(), m2.bands().band(AlertBands.ECE).mean(), 1e-12);
    }

    @Test
    void contractViolationsNameTableColumnAndRows() {
        var schema = new org.apache.spark.sql.types.StructType().add("signal_id", "string").add("model_id", "string")
                .add("target", "string").add("scored_at", "timestamp").add("calibrated_probability", "double");
        var ts = java.sql.Timestamp.from(Instant.parse("2026-01-10T00:00:00Z"));
        var rows = List.of(
                org.apache.spark.sql.RowFactory.create("s1", "m", "reach_2x_1h", null, 0.5),
                org.apache.spark.sql.RowFactory.create("s2", "m", "reach_2x_1h", ts, 1.5),
                org.apache.spark.sql.RowFactory.create("s2", "m", "reach_2x_1h", ts, 0.2));
        var e = org.junit.jupiter.api.Assertions.assertThrows(com.alphaleak.contracts.DataContractException.class,
                () -> MonitorContracts.validateScoredSignals(spark().createDataFrame(rows, schema)));
        assertEquals("scored_signals", e.table());
        String msg = e.getMessage();
        assertTrue(msg.contains("column 'scored_at' is null in 1 rows, e.g. [s1/m]"), msg);
        assertTrue(msg.contains("'calibrated_probability' is NaN or outside [0, 1] in 1 rows"), msg);
        assertTrue(msg.contains("1 duplicate keys (signal_id, model_id)"), msg);

        var outcomeSchema = new org.apache.spark.sql.types.StructType().add("signal_id", "string").add("target", "string")
                .add("label", "string").add("matured_at", "timestamp");
        var e2 = org.junit.jupiter.api.Assertions.assertThrows(com.alphaleak.contracts.DataContractException.class,
                () -> MonitorContracts.validateMaturedOutcomes(spark().createDataFrame(
                        List.of(org.apache.spark.sql.RowFactory.create("s1", "reach_2x_1h", "1", ts)), outcomeSchema)));
        assertEquals("matured_outcomes", e2.table());
        assertTrue(e2.getMessage().contains("column 'label' has type string, expected int"), e2.getMessage());

        var labelled = new org.apache.spark.sql.types.StructType().add("signal_id", "string").add("target", "string")
                .add("label", "int").add("matured_at", "timestamp");
        var e3 = org.junit.jupiter.api.Assertions.assertThrows(com.alphaleak.contracts.DataContractException.class,
                () -> MonitorContracts.validateMaturedOutcomes(spark().createDataFrame(
                        List.of(org.apache.spark.sql.RowFactory.create("s1", "reach_2x_1h", 2, null)), labelled)));
        assertTrue(e3.getMessage().contains("'matured_at' is null in 1 rows") && e3.getMessage().contains("'label' is not 0 or 1 in 1 rows"),
                e3.getMessage());
        assertNotNull(e3.problems());
    }
}
