package com.alphaleak.publish;

import com.alphaleak.publish.TestModels.Version;
import com.alphaleak.publish.cli.RollbackCommand;
import com.alphaleak.publish.cli.SyncModelsCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

/** {@code sync-models} and {@code rollback} as the CLI runs them, with their exit codes. */
class CliTest {

    @TempDir
    Path host;

    static List<Backend> backends() {
        return Backend.both();
    }

    private record Run(int code, String out, String err) {}

    private static Run run(Object command, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> args(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void syncModelsAndRollbackExitCodes(Backend backend) throws Exception {
        String root = backend.freshRoot("cli");
        List<String> store = backend.cliStoreArgs(root);
        Version v1 = version("m-001", 0.40, 0.03);
        Version v2 = version("m-002", 0.41, 0.03);
        Version g1 = version("reach_3x_6h", "g-001", 0.30, 0.03, 4096);
        try (ModelStore s = backend.open(root)) {
            v1.publishTo(s).execute();
            v2.publishTo(s).execute();
            g1.publishTo(s).execute();
        }
        Run sync = run(new SyncModelsCommand(), args(store, "--dest", host.toString()));
        assertEquals(0, sync.code(), sync.err());
        assertTrue(sync.out().contains("reach_2x_1h") && sync.out().contains("UPDATED"), sync.out());
        assertEquals("m-002", localPair(host, TARGET).modelId());
        assertEquals("g-001", localPair(host, "reach_3x_6h").modelId());

        Run list = run(new RollbackCommand(), args(store, "--target", TARGET, "--list"));
        assertEquals(0, list.code(), list.err());
        assertEquals("  m-001\n* m-002\n", list.out().replace("\r", ""));

        Run rb = run(new RollbackCommand(), args(store, "--target", TARGET, "--reason", "live precision dropped"));
        assertEquals(0, rb.code(), rb.err());
        assertTrue(rb.out().contains("now m-001 (was m-002)"), rb.out());
        Run one = run(new SyncModelsCommand(), args(store, "--dest", host.toString(), "--target", TARGET));
        assertEquals(0, one.code());
        assertEquals("m-001", localPair(host, TARGET).modelId());

        assertEquals(2, run(new RollbackCommand(), args(store, "--target", TARGET, "--to", "nope")).code());
        assertEquals(1, run(new SyncModelsCommand(), args(store, "--dest", host.toString(), "--target", "reach_9x_1d")).code(),
                "a requested target without a pointer is a failure");

        // A corrupt object: exit 3, the host keeps its model.
        try (ModelStore s = backend.open(root)) {
            new Rollback(s).rollback(TARGET, "m-002", null);
            String key = ModelStore.versionKey(TARGET, "m-002", TARGET + ".onnx");
            s.storage().delete(key);
            s.storage().createNew(key, new byte[]{1, 2, 3});
        }
        Run corrupt = run(new SyncModelsCommand(), args(store, "--dest", host.toString()));
        assertEquals(3, corrupt.code(), corrupt.out());
        assertTrue(corrupt.out().contains("REFUSED"), corrupt.out());
        assertEquals("m-001", localPair(host, TARGET).modelId());
        assertTrue(localPair(host, TARGET).consistent());
        // The operator's answer: roll back to the good version; going to the damaged one is refused.
        assertEquals(0, run(new RollbackCommand(), args(store, "--target", TARGET, "--to", "m-001")).code());
        assertEquals(3, run(new RollbackCommand(), args(store, "--target", TARGET, "--to", "m-002")).code(),
                "rollback to a damaged version is refused");
        assertEquals(0, run(new SyncModelsCommand(), args(store, "--dest", host.toString())).code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void secretsOnTheCommandLineAreRefused(Backend backend) {
        Run r = run(new SyncModelsCommand(), args(backend.cliStoreArgs(backend.freshRoot("cli-secret")),
                "--dest", host.toString(), "--hadoop-conf", "fs.s3a.secret.key=hunter2-secret"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("credentials come only from the environment or a Hadoop credential provider"), r.err());
        assertFalse(r.err().contains("hunter2-secret"), r.err());
        assertFalse(r.out().contains("hunter2-secret"), r.out());
    }
}
