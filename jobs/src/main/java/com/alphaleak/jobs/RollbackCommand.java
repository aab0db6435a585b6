package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.Pointer;
import com.alphaleak.publish.Rollback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rollback}: point a target back at an earlier complete version. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Point a target's CURRENT.json at an earlier complete version (default: the previous one).",
                "The version's files are verified first; not gated. --list shows the versions.",
                "Exit codes: 0 ok, 1 failure, 2 no such version / nothing to roll back to, 5 the version is corrupt."})
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--target", required = true, paramLabel = "TARGET")
    String target;

    @Option(names = "--to", paramLabel = "VERSION", description = "model_id to serve (default: previous_model_id of the pointer).")
    String to;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the pointer and the event log.")
    String reason;

    @Option(names = "--list", description = "List the complete versions and the current one; change nothing.")
    boolean list;

    /** NoSuchVersionException (2) and CorruptObjectException (5) reach the CLI's handler, which maps them. */
    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ModelStore s = store.open()) {
            if (list) {
                Optional<Pointer> current = s.current(target);
                for (String v : s.versions(target)) {
                    out.printf("%s %s%n", current.map(Pointer::modelId).filter(v::equals).isPresent() ? "*" : " ", v);
                }
                out.flush();
                return ExitCodes.OK;
            }
            Rollback.Result r = new Rollback(s).rollback(target, to, reason);
            out.printf(r.changed() ? "%s: now %s (was %s)%n" : "%s: already %s%n", target, r.toModelId(), r.fromModelId());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
