package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.ModelSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sync-models}: for inference hosts (cron or a long-running sidecar process). */
@Command(name = "sync-models", mixinStandardHelpOptions = true,
        description = {"Materialise the current version of every target (or the given ones) into a local folder as",
                "<target>.onnx + <target>_metadata.json: checksums verified, sidecar first, model moved into place",
                "atomically, previous files kept until the new pair is complete.",
                "Exit codes: 0 ok (updated or unchanged), 1 failure, 5 a corrupt object was refused (the old model stays)."})
final class SyncModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--dest", required = true, paramLabel = "DIR", description = "Local model folder the hosts watch.")
    Path dest;

    @Option(names = "--target", paramLabel = "TARGET", description = "A target to sync, repeatable (default: all).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "0",
            description = "Keep running and sync every SECONDS (0, the default: sync once and exit).")
    long everySeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelStore s = store.open()) {
            while (true) {
                int code = once(s, out);
                if (everySeconds <= 0) {
                    return code;
                }
                Thread.sleep(everySeconds * 1000L);
            }
        }
    }

    /** One sync; a failure is reported and, with --every, retried at the next tick instead of ending the process. */
    private int once(ModelStore s, PrintWriter out) {
        ModelSync.Report report;
        try {
            report = new ModelSync(s, dest).targets(targets).run();
        } catch (Exception e) {
            out.printf("sync-models %s -> %s failed: %s%n", s.describe(), dest, e);
            out.flush();
            return ExitCodes.FAILURE;
        }
        out.print(report.describe(dest));
        out.flush();
        return report.exitCode();
    }
}
