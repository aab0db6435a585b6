package com.alphaleak.config;

import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.registry.RegistryVersion;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole pipeline configuration, typed. Loaded once by {@link ConfigLoader} from
 * {@code conf/application.conf} (defaults), an optional profile and command-line overrides; every
 * section a command uses, the monitor's and the ingest's included, is validated by that one load.
 */
public record AlphaLeakConfig(Run run, SparkSettings spark, Tables tables, Sample sample,
                              Datasets datasets, Split split, Tuning tuning,
                              Export export, Publish publish, MonitorConfig monitor, Backtest backtest,
                              IngestConfig ingest) {

    /**
     * @param id run identifier; empty means derive one from the start time. When set it matches
     *           {@link #RUN_ID}: it becomes part of model ids, directory names and trial-history rows.
     */
    public record Run(Optional<String> id, long seed, String workDir) {
        /**
         * What a run id may look like: a letter or digit, then up to 63 letters, digits, dots,
         * underscores or dashes. Narrow on purpose: the id ends up in file and object-store paths
         * and in Delta table rows, where slashes, quotes or spaces would escape their place.
         */
        public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

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

    /**
     * The training sets ({@code alphaleak.datasets}).
     *
     * @param output  root directory; each dataset is written to {@code <output>/<name>}
     * @param signal  one row per buy signal
     * @param genesis one row per token's genesis window
     */
    public record Datasets(String output, DatasetSettings signal, DatasetSettings genesis) {
        public List<DatasetSettings> all() {
            return List.of(signal, genesis);
        }

        /** The section of a dataset by its name ({@code signal} or {@code genesis}). */
        public DatasetSettings named(String name) {
            return all().stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no dataset '" + name + "'; known: "
                            + all().stream().map(DatasetSettings::name).toList()));
        }
    }

    /**
     * Everything that differs between the signal and the genesis training set.
     *
     * @param name     {@code signal} or {@code genesis}: the section name and the output directory name
     * @param registry feature registry version; always one describing this dataset's event table
     * @param targets  labels to build and train, at least one, no duplicates
     * @param events   input table with one row per training example ({@code tables.signals} or
     *                 {@code tables.genesis-windows})
     * @param outcomes input table the labels are derived from ({@code tables.outcomes} or
     *                 {@code tables.genesis-outcomes})
     * @param path     where the training set is written: {@code <datasets.output>/<name>}
     */
    public record DatasetSettings(String name, RegistryVersion registry, List<TargetSpec> targets,
                                  TableLocation events, TableLocation outcomes, String path) {}

    /**
     * @param validationFraction  newest share of signals held out for validation (0, 1)
     * @param calibrationFraction newest share held out as a separate calibration slice; 0 = none
     */
    public record Split(double validationFraction, double calibrationFraction) {}

    /**
     * @param scalePosWeight empty means negatives / positives of the training split
     * @param multivariate   joint Parzen estimator over all parameters (Optuna's multivariate TPE)
     * @param trialRetries   extra attempts of a trial whose task fails before it is recorded as failed
     * @param concurrentTargets targets trained at once by a run (their searches share the task slots,
     *                       so the tail of one search does not leave slots idle)
     * @param pruner         early stopping of hopeless trials at iteration rungs (task-parallel searches)
     * @param earlyStoppingShrinkage a fit's patience is {@code round(this / learning_rate)} iterations,
     *                       clamped to [10, earlyStoppingRounds]; 0 = always earlyStoppingRounds
     * @param sample         the training rows the trials of a task-parallel search train on
     * @param ensembleSize   the final model averages the margins of this many best trials (task-parallel
     *                       searches); 1 = the best trial alone
     * @param peakLabel      the models that learn from the PeakTracker's peak multiple instead of the 0/1 outcome
     */
    public record Tuning(int trials, int parallelism, int threadsPerTrial, int startupTrials,
                         int maxIterations, int earlyStoppingRounds, double earlyStoppingShrinkage, Optional<Double> scalePosWeight,
                         TuningMode mode, String trialHistory, boolean warmStart, boolean multivariate, int trialRetries,
                         List<ParamRange> space, int concurrentTargets, Pruner pruner, SearchSample sample, int ensembleSize,
                         PeakLabel peakLabel) {
        /** As before peak labels existed: every model learns from its 0/1 outcome. */
        public Tuning(int trials, int parallelism, int threadsPerTrial, int startupTrials,
                      int maxIterations, int earlyStoppingRounds, double earlyStoppingShrinkage, Optional<Double> scalePosWeight,
                      TuningMode mode, String trialHistory, boolean warmStart, boolean multivariate, int trialRetries,
                      List<ParamRange> space, int concurrentTargets, Pruner pruner, SearchSample sample, int ensembleSize) {
            this(trials, parallelism, threadsPerTrial, startupTrials, maxIterations, earlyStoppingRounds, earlyStoppingShrinkage,
                    scalePosWeight, mode, trialHistory, warmStart, multivariate, trialRetries, space, concurrentTargets, pruner, sample,
                    ensembleSize, PeakLabel.NONE);
        }
    }

    /**
     * Training on the PeakTracker's peak multiple instead of the 0/1 outcome ({@code tuning.peak-label}).
     * A model named in {@code models} (model names: {@code reach_3x_30m}, {@code genesis_reach_5x_24h}) is
     * fitted by cross entropy against {@code sigmoid((ln peak - ln M) / temperature)}, M the target's
     * multiple: a smoothed version of its 0/1 label ({@code peak >= M}) that tells a 4.9x from a 1.1x.
     * Everything else stays on the 0/1 outcome: early stopping and trial selection (validation
     * PR-AUC), Platt scaling and every reported metric.
     *
     * @param temperature in log-multiple units: 0 would be the 0/1 label itself
     */
    public record PeakLabel(List<String> models, double temperature) {
        public static final PeakLabel NONE = new PeakLabel(List.of(), 0.3);

        public PeakLabel {
            models = List.copyOf(models);
        }

        public boolean appliesTo(String modelName) {
            return models.contains(modelName);
        }
    }

    /**
     * Searching on a sample of the training rows ({@code tuning.sample}). When the training slice has
     * more than {@code maxRows} rows, the trials of a task-parallel search train on a seeded sample
     * of {@code maxRows} of them ({@code method}; validation stays whole), and the {@code confirmTop} best trials
     * are then trained again on every training row; the best of those (validation PR-AUC) is the
     * model's trial, and its confirmation's booster the final model ({@code finalModel}).
     *
     * @param method       which rows: a uniform sample, or (keep-positives) every positive and a sample of
     *                     the negatives where a uniform one would hold fewer than {@code minPositives}
     * @param maxRows      largest number of training rows a search trial trains on; 0 = every row
     * @param minPositives positives a uniform sample must be expected to hold: uniform makes the sample
     *                     larger (none when that needs every row), keep-positives keeps every positive
     * @param confirmTop   trials re-trained on every row after a sampled search (at least 1)
     * @param finalModel   the confirmation's booster as trained, or a SynapseML replay of it (same trees)
     */
    public record SearchSample(SampleMethod method, int maxRows, int minPositives, int confirmTop, SampledFinalModel finalModel) {}

    /**
     * Optuna's successive-halving parameters: rung r is at iteration
     * {@code minResource * reductionFactor^(minEarlyStoppingRate + r)}, and a trial goes past it only
     * in the top {@code 1 / reductionFactor} of the trials that reached it. A search whose validation
     * slice has fewer than {@code minValidationPositives} positives is not pruned: a rung's PR-AUC on
     * a few hundred positives is too noisy to cut trials on (0 prunes every search).
     */
    public record Pruner(PrunerType type, int minResource, int reductionFactor, int minEarlyStoppingRate,
                         int minValidationPositives) {}

    public record Export(ExportPrecision precision, int parityRows, double marginTolerance, String output) {}

    /**
     * @param prAucTolerance largest accepted drop of validation PR-AUC against the champion (absolute)
     * @param eceTolerance   largest accepted rise of expected calibration error against the champion (absolute)
     */
    public record Publish(String root, boolean force, double prAucTolerance, double eceTolerance) {}

    /**
     * The walk-forward backtest ({@code alphaleak.backtest}): the newest {@code windows} windows of
     * {@code windowFraction} of a target's labelled rows each, every one scored by a model trained
     * only on the rows before it.
     *
     * @param windows            number of windows, oldest first, ending with the newest row
     * @param windowFraction     share of the target's labelled rows per window; windows x fraction < 1
     * @param validationFraction newest share of the rows before a window held out for early stopping
     *                           and Platt scaling (never rows of the window)
     * @param params             where the LightGBM parameters come from
     * @param searchTrials       trials of the per-window search ({@code params = search}, or when the
     *                           trial history has no search for the target)
     * @param thresholds         strategy thresholds whose precision and signal count are reported per window
     * @param models             model names ({@code reach_2x_1h}, {@code genesis_reach_2x_1h}); empty = every configured target
     * @param output             root of the outputs: {@code scored} and {@code windows} (Delta), {@code report/}
     */
    public record Backtest(int windows, double windowFraction, double validationFraction, BacktestParams params,
                           int searchTrials, List<Double> thresholds, List<String> models, String output) {
        /** The Delta table the monitor reads for alert bands ({@code monitor.backtest}'s default). */
        public String scoredPath() {
            return output + "/scored";
        }

        /** The Delta table of per-window metrics. */
        public String windowsPath() {
            return output + "/windows";
        }

        public String reportPath() {
            return output + "/report";
        }
    }
}
