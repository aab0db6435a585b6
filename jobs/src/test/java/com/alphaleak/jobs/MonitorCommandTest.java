package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.monitor.Decision;
import com.alphaleak.monitor.LiveWorld;
import com.alphaleak.monitor.MonitorReport;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code alphaleak monitor} as the scheduler runs it: exit 10 on a regime shift (0 with
 * --zero-exit-on-retrain), 0 for insufficient data, 2 for bad configuration, 3 for a live table
 * that breaks its contract. Every run starts and stops its own local Spark session, as in production.
 */
class MonitorCommandTest {
    @TempDir
    static Path world;

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    /** A live world with a regime shift at day 16 12:00, and one whose scored signals lack scored_at. */
    @BeforeAll
    static void writeWorlds() throws Exception {
        SparkSession.Builder b = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false");
        SparkSessions.deltaAndDefaults(4).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        try {
            LiveWorld.generate(LiveWorld.Spec.stable(42, 20, 1200)
                    .shifted(LiveWorld.START.plus(Duration.ofHours(16 * 24 + 12)), -0.5, true)).writeTo(spark, world.toString());
            String bad = world.resolve("bad").toString();
            spark.createDataFrame(List.of(RowFactory.create("s1", "m", "reach_2x_1h", 0.5)),
                            new StructType().add("signal_id", "string").add("model_id", "string")
                                    .add("target", "string").add("calibrated_probability", "double"))
                    .write().format("delta").save(bad + "/live/scored_signals");
            LiveWorld.generate(LiveWorld.Spec.stable(1, 1, 10)).maturedOutcomes(spark).write().format("delta")
                    .save(bad + "/live/matured_outcomes");
        } finally {
            spark.stop();
        }
    }

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private int monitor(String... more) {
        List<String> args = new ArrayList<>(List.of("monitor", "--config", "../conf/local.conf", "--set", "spark.shuffle-partitions=4",
                "--set", "run.work-dir=" + work,
                "--set", "monitor.scored-signals.path=" + world + "/live/scored_signals",
                "--set", "monitor.matured-outcomes.path=" + world + "/live/matured_outcomes",
                "--set", "monitor.backtest.path=" + world + "/backtest",
                "--set", "publish.root=" + world + "/published"));
        args.addAll(List.of(more));
        return AlphaLeakCli.execute(args.toArray(String[]::new));
    }

    private MonitorReport report() throws Exception {
        return MonitorReport.fromJson(Files.readString(work.resolve("monitor/report.json")));
    }

    @Test
    void aRegimeShiftExitsTenOrZeroWhenTheSchedulerAsksForIt() throws Exception {
        assertEquals(ExitCodes.RETRAIN_RECOMMENDED, monitor("--as-of", "2026-01-23T02:00:00Z"), err.toString());
        assertTrue(out.toString().contains("retraining recommended"), out.toString());
        assertEquals(Decision.RETRAIN, report().decision());

        assertEquals(ExitCodes.OK, monitor("--as-of", "2026-01-23T02:00:00Z", "--zero-exit-on-retrain"), err.toString());
        assertEquals(Decision.RETRAIN, report().decision(), "the decision travels through the report and history instead");
    }

    @Test
    void tooFewMaturedPositivesIsInsufficientDataAndExitsZeroNeverTen() throws Exception {
        assertEquals(ExitCodes.OK, monitor("--as-of", "2026-01-23T02:00:00Z", "--set", "monitor.min-matured-positives=100000"),
                err.toString());
        assertEquals(Decision.INSUFFICIENT_DATA, report().decision());
        assertEquals(LiveWorld.MODEL, report().models().get(0).modelId());
        assertEquals(Decision.INSUFFICIENT_DATA, report().models().get(0).decision());
    }

    @Test
    void badConfigurationExitsTwoBeforeSparkStarts() {
        assertEquals(ExitCodes.USAGE, monitor("--set", "monitor.window=5h", "--set", "monitor.step=2h"));
        assertTrue(err.toString().contains("whole multiple"), err.toString());
        assertEquals(ExitCodes.USAGE, monitor("--set", "monitor.windw=3"));
        assertEquals(ExitCodes.USAGE, monitor("--as-of", "yesterday"));
        assertTrue(err.toString().contains("--as-of must be an ISO-8601 instant"), err.toString());
        assertFalse(Files.exists(work.resolve("monitor")));
    }

    @Test
    void aLiveTableBreakingItsContractExitsThreeAndWritesNothing() {
        String bad = world.resolve("bad").toString();
        assertEquals(ExitCodes.BAD_INPUT, monitor("--set", "monitor.scored-signals.path=" + bad + "/live/scored_signals",
                "--set", "monitor.matured-outcomes.path=" + bad + "/live/matured_outcomes"));
        assertTrue(err.toString().contains("scored_signals") && err.toString().contains("scored_at"), err.toString());
        assertFalse(Files.exists(work.resolve("monitor")));
    }
}
