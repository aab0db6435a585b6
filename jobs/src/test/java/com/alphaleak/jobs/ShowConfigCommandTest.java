package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * show-config validates exactly what the commands validate, and every configuration problem is
 * exit 2 with file and line, before any Spark session (none of these tests starts one).
 */
class ShowConfigCommandTest {
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

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

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showConfigRejectsTheMonitorWindowThatMonitorRejects() {
        String[] settings = {"--set", "run.work-dir=" + work, "--set", "monitor.window=5h", "--set", "monitor.step=2h"};
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute(concat("show-config", settings)));
        String shown = stderr();
        assertTrue(shown.contains("alphaleak.monitor.window (5h) must be a whole multiple of alphaleak.monitor.step"), shown);
        err.reset();
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute(concat("monitor", settings)));
        assertTrue(stderr().contains("alphaleak.monitor.window (5h) must be a whole multiple"), stderr());
    }

    @Test
    void aProfileWithASyntaxErrorExitsTwoNamingFileAndLineWithoutAStackTrace() throws Exception {
        Path profile = work.resolve("broken.conf");
        Files.writeString(profile, "alphaleak {\n  tuning.trials = 7\n  tuning.mode = \"task-parallel\n}\n");
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute("show-config", "--config", profile.toString()));
        assertTrue(stderr().contains(profile + ":3"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
    }

    @Test
    void aHostileRunIdStopsTheRunBeforeAnythingStarts() {
        assertEquals(ExitCodes.USAGE, AlphaLeakCli.execute("run", "--set", "run.work-dir=" + work,
                "--set", "run.id=../x y' OR 1=1 --"));
        assertTrue(stderr().contains("--set run.id: alphaleak.run.id must be"), stderr());
        assertFalse(Files.exists(work.resolve("tables")), "nothing was generated");
    }

    @Test
    void showConfigPrintsEachDatasetsSectionAndTheMonitor() {
        assertEquals(ExitCodes.OK, AlphaLeakCli.execute("show-config", "--set", "datasets.genesis.targets=[reach_2x_1h]"));
        String shown = out.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("signal: registry=signal_v1 targets=[reach_2x_10m, reach_3x_30m, reach_2x_1h, reach_2x_4h, reach_5x_24h]"),
                shown);
        assertTrue(shown.contains("genesis: registry=genesis_v1 targets=[reach_2x_1h]"), shown);
        assertTrue(shown.contains("monitor: window=2d step=1d"), shown);
    }

    private static String[] concat(String command, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = command;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
