package com.alphaleak.jobs;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Entry point of the cluster jar and the local launcher. Every subcommand returns one of
 * {@link ExitCodes}; the JVM exits explicitly because SynapseML leaves non-daemon threads behind.
 */
@Command(name = "alphaleak", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Alpha Leak training pipeline: point-in-time datasets, LightGBM search and training, calibration, ONNX export, publishing.",
        subcommands = {GenerateSampleCommand.class, IngestCommand.class, BuildDatasetCommand.class, TrainCommand.class, RunCommand.class, BacktestCommand.class, ExportOnnxCommand.class,
                SyncModelsCommand.class, RollbackCommand.class, MonitorCommand.class,
                ShowConfigCommand.class, CommandLine.HelpCommand.class})
public final class AlphaLeakCli implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaLeakCli.class);

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (used by tests; main exits with it). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: case-insensitive enums, the exit-code footer on every help page, the exception mapping. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AlphaLeakCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --only signal and --only SIGNAL both work
        String[] footer = ExitCodes.MEANINGS.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%3d  %s", e.getKey(), e.getValue())).toArray(String[]::new);
        withSubcommands(cli, c -> {
            c.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(footer);
            // picocli's own codes (a bad option, an uncaught exception) are ours too
            c.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.FAILURE);
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getCommandName(), cmd.getErr()));
        return cli;
    }

    /**
     * The one place that turns an exception into an exit code: the first {@link AlphaLeakException}
     * in the cause chain says what went wrong and which code that is (Spark wraps exceptions thrown
     * in tasks, so the project's exception is often a cause); anything else is an unexpected failure
     * and gets its stack trace logged.
     */
    static int report(Exception ex, String command, PrintWriter err) {
        AlphaLeakException known = AlphaLeakException.find(ex);
        if (known == null) {
            LOG.error("{} failed", command, ex);
            err.println(command + " failed: " + ex);
            return ExitCodes.FAILURE;
        }
        err.println(known.getMessage());
        err.println(command + ": exit " + known.exitCode() + ", " + ExitCodes.MEANINGS.get(known.exitCode()));
        return known.exitCode();
    }

    private static void withSubcommands(CommandLine c, Consumer<CommandLine> action) {
        action.accept(c);
        c.getSubcommands().values().forEach(s -> withSubcommands(s, action));
    }
}
