package com.alphaleak.jobs;

import com.alphaleak.ingest.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realistic path by command line: the sample world in PostgreSQL, then ingest (steps in time: IngestJobTest). */
class IngestCommandTest {
    @TempDir
    Path work;

    private record Run(int code, String out, String err) {}

    private Run run(String command, String... more) throws Exception {
        PostgresServer pg = PostgresServer.shared();
        Path secrets = work.resolve("pg.properties");
        Files.writeString(secrets, "user=" + pg.user() + "\npassword=" + pg.password() + "\n");
        List<String> args = new ArrayList<>(List.of(command, "--config", "../conf/local.conf",
                "--set", "run.work-dir=" + work, "--set", "spark.shuffle-partitions=4",
                "--set", "sample.signals=300", "--set", "sample.wallets=120", "--set", "sample.creators=60", "--set", "sample.days=1",
                "--set", "ingest.url=" + pg.jdbcUrl("ingest_cli"), "--set", "ingest.secrets-file=" + secrets));
        args.addAll(List.of(more));
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = AlphaLeakCli.commandLine();
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void sampleInPostgresThenIngestThenAReplayedCaptureTimeIsRefused() throws Exception {
        PostgresServer.shared().createDatabase("ingest_cli");
        Run gen = run("generate-sample", "--to", "postgres", "--until", "2026-01-05T12:00:00Z");
        assertEquals(0, gen.code(), gen.err());
        // Two sources keep it short; every source is covered by IngestJobTest.
        Run first = run("ingest", "--known-at", "2026-01-05T12:00:00Z", "--source", "signals", "--source", "wallet-features");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().matches("(?s).*signals\\s+signals\\s+append\\s+[1-9]\\d*.*"), first.out());
        assertTrue(first.out().matches("(?s).*wallet-features\\s+wallet_features\\s+snapshot\\s+[1-9]\\d*.*2026-01-05T12:00:00Z.*"), first.out());
        Run config = run("show-config");
        assertTrue(config.out().contains("credentials=file "), config.out());
        assertFalse(config.out().contains(PostgresServer.shared().password()), config.out());
        Run replay = run("ingest", "--known-at", "2026-01-05T12:00:00Z", "--source", "wallet-features");
        assertEquals(2, replay.code(), replay.err());
        assertTrue(Files.isDirectory(work.resolve("tables/signals/_delta_log")));
    }

    @Test
    void withoutCredentialsIngestExits2NamingTheVariables() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = AlphaLeakCli.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("ingest", "--set", "ingest.url=jdbc:postgresql://127.0.0.1:1/none",
                "--set", "ingest.user-env=ALPHALEAK_TEST_NO_SUCH_USER", "--set", "ingest.password-env=ALPHALEAK_TEST_NO_SUCH_PASSWORD");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("ALPHALEAK_TEST_NO_SUCH_USER and ALPHALEAK_TEST_NO_SUCH_PASSWORD"), err.toString());
    }
}
