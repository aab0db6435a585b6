package com.alphaleak.config;

import com.alphaleak.contracts.TargetSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pipeline configuration, typed. Loaded once by {@link ConfigLoader} from
 * {@code conf/application.conf} (defaults), an optional profile and command-line overrides.
 */
public record AlphaLeakConfig(Run run, SparkSettings spark, Tables tables, Sample sample,
                              DatasetSettings dataset, List<TargetSpec> targets,
                              List<TargetSpec> genesisTargets, Split split, Tuning tuning,
                              Export export, Publish publish) {

    /** @param id run identifier; empty means derive one from the start time */
    public record Run(Optional<String> id, long seed, String workDir) {}

    /** @param master empty means leave it to spark-submit */
    public record SparkSettings(Optional<String> master, String appName, int shufflePartitions,
                                Map<String, String> conf) {}

    /** Every input table of the pipeline, by role. */
    public record Tables(TableLocation signals, TableLocation outcomes, TableLocation walletSnapshots,
                         TableLocation walletFeatures, TableLocation creatorStats, TableLocation tokenState,
                         TableLocation graphScores, TableLocation marketRegime, TableLocation genesisWindows,
                         TableLocation genesisOutcomes, TableLocation oracle) {
        public List<TableLocation> all() {
            return List.of(signals, outcomes, walletSnapshots, walletFeatures, creatorStats, tokenState,
                    graphScores, marketRegime, genesisWindows, genesisOutcomes, oracle);
        }
    }

    /** Size and shape of the generated sample world. */
    public record Sample(int signals, int days, Instant start, double regimeShiftAt,
                         double botWalletShare, int wallets, int creators) {}

    public record DatasetSettings(String output, String signalRegistry, String genesisRegistry) {}

    /**
     * @param validationFraction  newest share of signals held out for validation (0, 1)
     * @param calibrationFraction newest share held out as a separate calibration slice; 0 = none
     */
    public record Split(double validationFraction, double calibrationFraction) {}

    /**
     * @param scalePosWeight empty means negatives / positives of the training split
     * @param multivariate   joint Parzen estimator over all parameters (Optuna's multivariate TPE)
     * @param trialRetries   extra attempts of a trial whose task fails before it is recorded as failed
     */
    public record Tuning(int trials, int parallelism, int threadsPerTrial, int startupTrials,
                         int maxIterations, int earlyStoppingRounds, Optional<Double> scalePosWeight,
                         String mode, String trialHistory, boolean warmStart, boolean multivariate, int trialRetries,
                         List<ParamRange> space) {
        public static final List<String> MODES = List.of("task-parallel", "data-parallel");
    }

    /** @param precision {@code float64} or {@code float32} */
    public record Export(String precision, int parityRows, double marginTolerance, String output) {
        public static final List<String> PRECISIONS = List.of("float64", "float32");
    }

    /**
     * @param prAucTolerance largest accepted drop of validation PR-AUC against the champion (absolute)
     * @param eceTolerance   largest accepted rise of expected calibration error against the champion (absolute)
     */
    public record Publish(String root, boolean force, double prAucTolerance, double eceTolerance) {}
}
