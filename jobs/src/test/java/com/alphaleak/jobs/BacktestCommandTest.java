package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.monitor.AlertBands;
import com.alphaleak.monitor.MonitorContracts;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code alphaleak backtest} on a tiny sample world (real Spark, real Delta): walk-forward windows
 * written as the table the monitor's alert bands accept, idempotent on re-run, and read by the
 * monitor by default.
 */
class BacktestCommandTest {
    @TempDir
    Path work;

    private int run(String command, String... settings) {
        List<String> args = new ArrayList<>(List.of(command, "--config", "../conf/local.conf",
                "--set", "run.work-dir=" + work, "--set", "spark.shuffle-partitions=4", "--set", "spark.master=local[2]",
                "--set", "sample.signals=3000", "--set", "sample.wallets=500", "--set", "sample.creators=250", "--set", "sample.days=8",
                "--set", "datasets.signal.targets=[reach_2x_10m]", "--set", "datasets.genesis.targets=[reach_2x_10m]",
                "--set", "tuning.max-iterations=40", "--set", "tuning.early-stopping-rounds=8", "--set", "tuning.startup-trials=2",
                "--set", "backtest.models=[reach_2x_10m]", "--set", "backtest.windows=3", "--set", "backtest.window-fraction=0.15",
                "--set", "backtest.search-trials=2", "--set", "run.id=bt-test",
                "--set", "monitor.window=1d", "--set", "monitor.step=1d", "--set", "monitor.min-matured-positives=5",
                "--set", "monitor.min-matured-signals=50"));
        for (String s : settings) {
            if (s.startsWith("--")) {
                args.add(s);
                continue;
            }
            args.add("--set");
            args.add(s);
        }
        return AlphaLeakCli.execute(args.toArray(String[]::new));
    }

    @Test
    void walkForwardWindowsFeedTheMonitorsAlertBandsAndAReRunAddsNoRows() throws Exception {
        assertEquals(ExitCodes.OK, run("generate-sample"));
        assertEquals(ExitCodes.OK, run("build-dataset"));
        // no trial history yet: each window gets its own small search on its earlier rows
        assertEquals(ExitCodes.OK, run("backtest"));
        Path scored = work.resolve("backtest/scored");
        Path report = work.resolve("backtest/report");
        assertTrue(Files.size(report.resolve("index.html")) > 0);
        assertTrue(Files.size(report.resolve("reach_2x_10m_windows.png")) > 0);

        long rows;
        String modelId;
        SparkSession spark = session();
        try {
            Dataset<Row> s = spark.read().format("delta").load(scored.toString());
            MonitorContracts.validateBacktest(s);
            rows = s.count();
            Dataset<Row> w = spark.read().format("delta").load(work.resolve("backtest/windows").toString()).orderBy("window");
            List<Row> windows = w.collectAsList();
            assertEquals(3, windows.size());
            long windowRows = 0;
            Timestamp previousEnd = null;
            for (Row r : windows) {
                windowRows += r.getInt(r.fieldIndex("rows"));
                assertTrue(r.isNullAt(r.fieldIndex("skipped")), r.toString());
                double pr = r.getDouble(r.fieldIndex("pr_auc"));
                assertTrue(pr > 0 && pr <= 1, "PR-AUC " + pr);
                assertEquals(2, r.getList(r.fieldIndex("thresholds")).size());
                Timestamp from = r.getTimestamp(r.fieldIndex("window_from"));
                if (previousEnd != null) assertTrue(from.after(previousEnd), "windows are disjoint in time and ordered");
                previousEnd = r.getTimestamp(r.fieldIndex("window_to"));
                // walk forward: a window's model trained on strictly earlier rows only
                assertTrue(r.getInt(r.fieldIndex("train_rows")) + r.getInt(r.fieldIndex("validation_rows")) > 0);
            }
            assertEquals(rows, windowRows);
            modelId = s.select("model_id").distinct().head().getString(0);
            assertEquals("reach_2x_10m-backtest-bt-test", modelId, "nothing published: the rows name the backtest's own id");

            // the live tables of a host serving that model: the same signals, outcomes matured an hour later
            s.select(col("signal_id"), col("model_id"), col("target"), col("scored_at"), col("calibrated_probability"))
                    .write().format("delta").save(work.resolve("live/scored_signals").toString());
            s.select(col("signal_id"), col("target"), col("label"), expr("scored_at + interval 1 hour").as("matured_at"))
                    .write().format("delta").save(work.resolve("live/matured_outcomes").toString());
        } finally {
            spark.stop();
        }

        assertEquals(ExitCodes.OK, run("backtest"), "same inputs, same run");
        spark = session();
        try {
            assertEquals(rows, spark.read().format("delta").load(scored.toString()).count(), "replaced, not appended");
            assertEquals(3, spark.read().format("delta").load(work.resolve("backtest/windows").toString()).count());
        } finally {
            spark.stop();
        }

        // monitor.backtest defaults to the backtest's table: bands come from it without any setting
        assertEquals(ExitCodes.OK, run("monitor", "--as-of=2026-02-01T00:00:00Z"));
        Path bands = work.resolve("monitor/bands").resolve(AlertBands.fileName(modelId));
        assertTrue(Files.exists(bands), "alert bands derived from the backtest");
        AlertBands b = AlertBands.fromJson(Files.readString(bands));
        assertTrue(b.windows() >= 3, "at least 3 daily backtest windows with a verdict: " + b);
        assertNotNull(b.band(AlertBands.PR_AUC));
        String json = Files.readString(work.resolve("monitor/report.json"));
        assertTrue(json.contains("\"bands_source\" : \"backtest\""), json);
    }

    private static SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false");
        SparkSessions.deltaAndDefaults(4).forEach(b::config);
        return b.getOrCreate();
    }
}
