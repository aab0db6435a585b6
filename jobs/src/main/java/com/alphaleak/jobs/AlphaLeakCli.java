package com.alphaleak.jobs;

import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.contracts.DataContractException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the cluster jar and the local launcher. Every subcommand returns one of
 * {@link ExitCodes}; the JVM exits explicitly because SynapseML leaves non-daemon threads behind.
 */
@Command(name = "alphaleak", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Alpha Leak training pipeline: point-in-time datasets, LightGBM search and training, calibration, ONNX export, publishing.",
        subcommands = {GenerateSampleCommand.class, BuildDatasetCommand.class, TrainCommand.class, RunCommand.class, ExportOnnxCommand.class,
                com.alphaleak.publish.cli.SyncModelsCommand.class, com.alphaleak.publish.cli.RollbackCommand.class,
                com.alphaleak.monitor.cli.MonitorCommand.class,
                ShowConfigCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  unexpected failure (see the log)", "  2  bad command line or configuration",
                "  3  input data breaks its contract (nothing written)", "  4  a quality gate refused the result",
                " 10  monitor: retraining recommended"})
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
        CommandLine cli = new CommandLine(new AlphaLeakCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --only signal and --only SIGNAL both work
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable root = ex;
            while (root.getCause() != null && !(root instanceof ConfigValidationException)
                    && !(root instanceof DataContractException)
                    && !(root instanceof com.alphaleak.features.split.EmptySplitException)
                    && !(root instanceof com.alphaleak.export.lightgbm.UnsupportedModelException)
                    && !(root instanceof com.alphaleak.export.parity.ExportRefusedException)) {
                root = root.getCause();
            }
            if (root instanceof com.alphaleak.export.parity.ExportRefusedException) {
                cmd.getErr().println("Refused, nothing was written. " + root.getMessage());
                return ExitCodes.GATE_REFUSED;
            }
            if (root instanceof ConfigValidationException) {
                cmd.getErr().println(root.getMessage());
                return ExitCodes.USAGE;
            }
            if (root instanceof DataContractException || root instanceof com.alphaleak.features.split.EmptySplitException
                    || root instanceof com.alphaleak.export.lightgbm.UnsupportedModelException) {
                cmd.getErr().println("Bad input, nothing was written. " + root.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            LOG.error("{} failed", cmd.getCommandName(), ex);
            cmd.getErr().println(cmd.getCommandName() + " failed: " + ex);
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
