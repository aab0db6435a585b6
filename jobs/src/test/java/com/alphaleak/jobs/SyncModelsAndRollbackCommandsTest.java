package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.Rollback;
import com.alphaleak.publish.TestModels.Version;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.alphaleak.publish.TestModels.TARGET;
import static com.alphaleak.publish.TestModels.localPair;
import static com.alphaleak.publish.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sync-models} and {@code rollback} as the CLI runs them, with their exit codes, on a local
 * store (publish's own tests run the same operations against S3A on s3proxy).
 */
class SyncModelsAndRollbackCommandsTest {

    @TempDir
    Path host;

    @TempDir
    Path stores;

    private record Run(int code, String out, String err) {}

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AlphaLeakCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> args(String command, String root, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--root", root));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void syncModelsAndRollbackExitCodes() throws Exception {
        String root = stores.resolve("cli").toString();
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.41, 0.03);
        Version g1 = version("reach_3x_6h", "g-001", 0.30, 0.03, 4096);
        try (ModelStore s = ModelStore.open(root, new Configuration())) {
            v1.publishTo(s).execute();
            v2.publishTo(s).execute();
            g1.publishTo(s).execute();
        }
        Run sync = run(args("sync-models", root, "--dest", host.toString()));
        assertEquals(ExitCodes.OK, sync.code(), sync.err());
        assertTrue(sync.out().contains("reach_2x_1h") && sync.out().contains("UPDATED"), sync.out());
        assertEquals("m-002", localPair(host, TARGET).modelId());
        assertEquals("g-001", localPair(host, "reach_3x_6h").modelId());

        Run list = run(args("rollback", root, "--target", TARGET, "--list"));
        assertEquals(ExitCodes.OK, list.code(), list.err());
        assertEquals("  m-001\n* m-002\n", list.out().replace("\r", ""));

        Run rb = run(args("rollback", root, "--target", TARGET, "--reason", "live precision dropped"));
        assertEquals(ExitCodes.OK, rb.code(), rb.err());
        assertTrue(rb.out().contains("now m-001 (was m-002)"), rb.out());
        Run one = run(args("sync-models", root, "--dest", host.toString(), "--target", TARGET));
        assertEquals(ExitCodes.OK, one.code());
        assertEquals("m-001", localPair(host, TARGET).modelId());

        Run nope = run(args("rollback", root, "--target", TARGET, "--to", "nope"));
        assertEquals(ExitCodes.USAGE, nope.code(), "no such version is a usage error");
        assertTrue(nope.err().contains("no complete version nope"), nope.err());
        assertEquals(ExitCodes.USAGE, run(args("rollback", root, "--target", "reach_9x_1d")).code(),
                "a target without a pointer has nothing to roll back");
        assertEquals(ExitCodes.FAILURE, run(args("sync-models", root, "--dest", host.toString(), "--target", "reach_9x_1d")).code(),
                "a requested target without a pointer is a failure");

        // A corrupt object: exit 5 (store integrity), the host keeps its model.
        try (ModelStore s = ModelStore.open(root, new Configuration())) {
            new Rollback(s).rollback(TARGET, "m-002", null);
            String key = ModelStore.versionKey(TARGET, "m-002", TARGET + ".onnx");
            s.storage().delete(key);
            s.storage().createNew(key, new byte[]{1, 2, 3});
        }
        Run corrupt = run(args("sync-models", root, "--dest", host.toString()));
        assertEquals(ExitCodes.STORE_INTEGRITY, corrupt.code(), corrupt.out());
        assertTrue(corrupt.out().contains("REFUSED"), corrupt.out());
        assertEquals("m-001", localPair(host, TARGET).modelId());
        assertTrue(localPair(host, TARGET).consistent());
        // The operator's answer: roll back to the good version; going to the damaged one is refused.
        assertEquals(ExitCodes.OK, run(args("rollback", root, "--target", TARGET, "--to", "m-001")).code());
        Run damaged = run(args("rollback", root, "--target", TARGET, "--to", "m-002"));
        assertEquals(ExitCodes.STORE_INTEGRITY, damaged.code(), "rollback to a damaged version is refused: " + damaged.err());
        assertTrue(damaged.err().contains("has SHA-256"), damaged.err());
        assertEquals(ExitCodes.OK, run(args("sync-models", root, "--dest", host.toString())).code());
    }

    @Test
    void syncFromAStoreWithNothingPublishedSaysSoAndExitsWithTheUsageCode() {
        // A mistyped --root (or a store before its first publish) must not look like a successful sync.
        Run r = run(args("sync-models", stores.resolve("typo").toString(), "--dest", host.toString()));
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("no published model under") && r.out().contains("Check --root"), r.out());
    }

    @Test
    void secretsOnTheCommandLineAreRefusedWithoutEchoingThem() {
        Run r = run(args("sync-models", stores.resolve("cli-secret").toString(),
                "--dest", host.toString(), "--hadoop-conf", "fs.s3a.secret.key=hunter2-secret"));
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("credentials come only from the environment or a Hadoop credential provider"), r.err());
        assertFalse(r.err().contains("hunter2-secret"), r.err());
        assertFalse(r.out().contains("hunter2-secret"), r.out());
    }
}
