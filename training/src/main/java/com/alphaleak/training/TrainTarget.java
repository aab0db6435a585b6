package com.alphaleak.training;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TuningMode;
import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.training.data.MatrixCollector;
import com.alphaleak.training.data.PeakLabel;
import com.alphaleak.training.data.SharedLabelledRows;
import com.alphaleak.training.data.RowSample;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.fit.FinalModel;
import com.alphaleak.training.fit.FinalModelTrainer;
import com.alphaleak.training.fit.TrainingFrame;
import com.alphaleak.training.lightgbm.Patience;
import com.alphaleak.training.prune.RungPlanner;
import com.alphaleak.training.prune.RungPlanners;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.HyperparameterSearch;
import com.alphaleak.training.search.SparkTaskTrialExecutor;
import com.alphaleak.training.search.SynapseMlTrialExecutor;
import com.alphaleak.training.search.TopTrialConfirmation;
import com.alphaleak.training.search.TrialExecutor;
import com.alphaleak.training.search.TrialFunction;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.search.TrialHistory;
import com.alphaleak.training.search.WarmStart;
import com.alphaleak.training.tpe.Distribution;
import com.alphaleak.training.tpe.SearchSpaces;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Search and final training for one target of one written training set:
 * collect the target's labelled rows, set {@code scale_pos_weight} (negatives / positives of the
 * training slice unless configured), warm-start from the trial history, run the TPE search in the
 * configured mode (trials on a sample of the training rows when {@code tuning.sample.max-rows} caps them,
 * then the best few again on every row: {@link TopTrialConfirmation}), append the trials to the
 * history, and take the final model: a sampled search's best confirmation as it was trained
 * ({@link FinalModelTrainer#ofConfirmedTrial}), otherwise a SynapseML fit (in task-parallel mode a
 * replay of the best trial with the same trees: {@link FinalModelTrainer#replay}).
 *
 * <pre>{@code
 * TrainTarget.Result r = TrainTarget.with(spark, config).dataset(rows, manifest).target("reach_2x_1h")
 *     .runId("20261125-010000").execute();
 * }</pre>
 */
public final class TrainTarget {
    private static final Logger LOG = LoggerFactory.getLogger(TrainTarget.class);

    private final SparkSession spark;
    private final AlphaLeakConfig.Tuning tuning;
    private final long seed;
    private Dataset<Row> data;
    private DatasetManifest manifest;
    private String target;
    private String runId = "adhoc";
    private SharedLabelledRows sharedRows;

    private TrainTarget(SparkSession spark, AlphaLeakConfig.Tuning tuning, long seed) {
        this.spark = spark;
        this.tuning = Objects.requireNonNull(tuning);
        this.seed = seed;
    }

    /** With the configuration's tuning section and run seed. */
    public static TrainTarget with(SparkSession spark, AlphaLeakConfig config) {
        return with(spark, config.tuning(), config.run().seed());
    }

    /** @param seed seeds the sampler and LightGBM ({@code alphaleak.run.seed}) */
    public static TrainTarget with(SparkSession spark, AlphaLeakConfig.Tuning tuning, long seed) {
        return new TrainTarget(spark, tuning, seed);
    }

    /** The training set's rows and its manifest (feature order, key, time and split columns). */
    public TrainTarget dataset(Dataset<Row> rows, DatasetManifest m) {
        this.data = rows;
        this.manifest = m;
        return this;
    }

    /**
     * Takes the target's matrices from rows collected once for several targets of the dataset
     * instead of collecting them for this target alone (the same matrices either way).
     */
    public TrainTarget sharedRows(SharedLabelledRows rows) {
        this.sharedRows = rows;
        return this;
    }

    public TrainTarget target(String t) {
        this.target = t;
        return this;
    }

    public TrainTarget runId(String id) {
        this.runId = id;
        return this;
    }

    /**
     * @param search       the TPE search (on {@code searchRows} training rows)
     * @param confirmation the best sampled trials re-trained on every training row, when the search
     *                     trained on a sample ({@code tuning.sample}); its best is the model's trial
     * @param searchRows   training rows each search trial trained on
     * @param searchPositives positives among them
     * @param peakLabel    the soft label the training slice learned from ({@code tuning.peak-label}), or null: the 0/1 outcome
     */
    public record Result(String dataset, String target, SplitMatrices matrices, HyperparameterSearch.Result search,
                         Optional<TopTrialConfirmation.Result> confirmation, int searchRows, long searchPositives, FinalModel model,
                         double scalePosWeight, String trialHistory, PeakLabel peakLabel) {}

    public Result execute() {
        Objects.requireNonNull(data, "dataset");
        Objects.requireNonNull(target, "target");
        if (!manifest.targets().contains(target)) {
            throw new IllegalArgumentException("dataset " + manifest.dataset() + " has no target " + target
                    + " (it has " + manifest.targets() + ")");
        }
        if (manifest.skippedTargets().containsKey(target)) {
            // The build kept the label column but found nothing to learn or validate on.
            throw new IllegalArgumentException("dataset " + manifest.dataset() + " skipped target " + target + ": "
                    + manifest.skippedTargets().get(target));
        }
        String label = manifest.dataset() + "/" + target;
        LOG.info("{}: collecting labelled rows", label);
        PeakLabel peak = PeakLabel.forTargets(tuning.peakLabel(), manifest.dataset(), List.of(target)).get(target);
        SplitMatrices m = sharedRows != null ? sharedRows.take(target)
                : MatrixCollector.collect(manifest.dataset() + " dataset", data, manifest.featureNames(), target, peak,
                        manifest.idColumn(), manifest.timeColumn(), manifest.splitColumn());
        boolean soft = peak != null;
        if (m.train().softTargets() != soft) {
            throw new IllegalStateException(label + ": tuning.peak-label " + (soft ? "names" : "does not name") + " this model, but its "
                    + "rows were collected " + (soft ? "without" : "with") + " peak labels");
        }
        if (soft) {
            LOG.info("{}: learns from its peak multiple ({}, temperature {}; tuning.peak-label); early stopping, selection, Platt "
                    + "and metrics stay on the 0/1 outcome", label, peak.column(), peak.temperature());
        }
        double spw = tuning.scalePosWeight().orElse(m.balancedScalePosWeight());
        LOG.info("{}: train {} rows ({} positive), validation {} rows ({} positive), scale_pos_weight {}", label,
                m.train().rows(), m.train().positives(), m.validation().rows(), m.validation().positives(), spw);

        Map<String, Distribution> space = SearchSpaces.fromConfig(tuning.space());
        TrialHistory history = new TrialHistory(spark, tuning.trialHistory());
        Optional<Map<String, Object>> warm = tuning.warmStart()
                ? WarmStart.fit(history.previousBest(manifest.dataset(), target, runId), space) : Optional.empty();
        if (tuning.pruner().type() != com.alphaleak.config.PrunerType.NONE && !RungPlanners.prunes(tuning.pruner(), m.validation().positives())) {
            LOG.info("{}: not pruning: {} validation positives < tuning.pruner.min-validation-positives {} (a rung's PR-AUC on so few "
                    + "positives is too noisy to stop trials on)", label, m.validation().positives(), tuning.pruner().minValidationPositives());
        }
        Dataset<Row> frame = TrainingFrame.of(data, manifest.featureNames(), target, manifest.splitColumn());
        boolean taskParallel = tuning.mode() != TuningMode.DATA_PARALLEL;
        // Trials train on a sample of the training rows when the slice is larger than the cap
        // (task-parallel only: a data-parallel trial is a SynapseML fit of the whole frame).
        SplitMatrices searched = taskParallel ? m.withTrain(RowSample.forSearch(m.train(), tuning.sample(), seed)) : m;
        // An ensemble needs its members' models: a sampled search confirms at least that many, a search
        // on every row trains its best few again keeping their models (the same trees as in the search).
        int ensemble = taskParallel ? tuning.ensembleSize() : 1;
        int confirmTop = Math.max(tuning.sample().confirmTop(), ensemble);
        if (searched != m) {
            LOG.info("{}: trials train on {} of the {} training rows ({} of {} positive; tuning.sample.method = {}), "
                    + "then the best {} train again on every row", label, searched.train().rows(), m.train().rows(),
                    searched.train().positives(), m.train().positives(), tuning.sample().method(), confirmTop);
        }
        HyperparameterSearch.Result search;
        try (TrialExecutor executor = executor(tuning, searched, frame, spw, seed)) {
            search = HyperparameterSearch.over(space).trials(tuning.trials()).parallelism(tuning.parallelism())
                    .startupTrials(tuning.startupTrials()).multivariate(tuning.multivariate()).retries(tuning.trialRetries())
                    .seed(seed).executor(executor).warmStart(warm).label(label)
                    .pruner(taskParallel ? RungPlanners.forSearch(tuning.pruner(), label, tuning.maxIterations(),
                            m.validation().positives()) : RungPlanner.none(), tuning.maxIterations())
                    .execute();
        }
        history.write(runId, manifest.dataset(), target, search.mode(), spw, search.trials());
        if (search.best().isEmpty()) {
            throw new IllegalStateException(label + ": all " + search.trials().size() + " trials failed; first error: "
                    + search.trials().get(0).error());
        }
        LOG.info("{}: search done in {} s, best PR-AUC {} (trial {}), {} pruned, {} failed", label,
                search.elapsed().toSeconds(), search.best().get().value(), search.best().get().number(), search.pruned(),
                search.failed());
        Optional<TopTrialConfirmation.Result> confirmation = searched == m ? Optional.empty()
                : Optional.of(confirm(TopTrialConfirmation.of(search.trials(), confirmTop), m,
                        spw, label, "on every training row"));
        TrialResult best = confirmation.map(c -> c.best().get()).orElse(search.best().get());
        // A confirmed trial's booster is the final model as it is (trained on every row, kept by the
        // confirmation) unless tuning.sample.final-model asks for a SynapseML replay; a search's best
        // trial trained on every row too, but only its hash came back, so it is replayed as a
        // SynapseML fit with the same trees.
        FinalModel model;
        long completed = search.trials().stream().filter(TrialResult::complete).count();
        if (ensemble > 1 && completed > 1) {
            TopTrialConfirmation.Result kept = confirmation.orElseGet(() -> confirm(TopTrialConfirmation.of(search.trials(), ensemble), m,
                    spw, label, "again, keeping their models for the ensemble"));
            List<TrialResult> members = kept.bestFirst(ensemble);
            if (tuning.sample().finalModel() == com.alphaleak.config.SampledFinalModel.SYNAPSEML_REPLAY) {
                BoosterTrial trial = boosterTrial(tuning, spw, seed);
                members = members.stream().map(t -> t.withModel(FinalModelTrainer.replay(spark, m, t.withoutModel(), trial).modelText()))
                        .toList();
            }
            LOG.info("{}: the final model averages trials {}", label, members.stream().map(TrialResult::number).toList());
            model = FinalModelTrainer.ofEnsemble(m, members, boosterTrial(tuning, spw, seed));
        } else if (confirmation.isPresent()) {
            model = FinalModelTrainer.ofSampledSearch(spark, m, best, boosterTrial(tuning, spw, seed), tuning.sample().finalModel());
        } else if (soft) {
            // A SynapseML replay is a classifier fit on 0/1 labels: the best trial trains again keeping its booster.
            TopTrialConfirmation.Result kept = confirm(TopTrialConfirmation.of(search.trials(), 1), m, spw, label,
                    "again, keeping its model (peak label)");
            model = FinalModelTrainer.ofConfirmedTrial(m, kept.best().get(), boosterTrial(tuning, spw, seed));
        } else {
            LOG.info("{}: training the final model", label);
            model = taskParallel
                    ? FinalModelTrainer.replay(spark, m, best, boosterTrial(tuning, spw, seed))
                    : FinalModelTrainer.train(frame, m, best, spw, seed, tuning.maxIterations(),
                            patience(tuning).forParams(best.params()), false);
        }
        confirmation = confirmation.map(TopTrialConfirmation.Result::withoutModels);
        return new Result(manifest.dataset(), target, m, search, confirmation, searched.train().rows(), searched.train().positives(), model, spw,
                history.path(), peak);
    }

    /** The search's best trials trained again on every row of {@code m}; throws when none completes. */
    private TopTrialConfirmation.Result confirm(TopTrialConfirmation top, SplitMatrices m, double spw, String label, String what) {
        TopTrialConfirmation.Result c;
        BoosterTrial trial = boosterTrial(tuning, spw, seed);
        // Only a booster that becomes (part of) the final model as it is needs its text on the driver.
        TrialFunction function = tuning.sample().finalModel() == com.alphaleak.config.SampledFinalModel.BOOSTER ? trial.keepingModels() : trial;
        try (TrialExecutor executor = new SparkTaskTrialExecutor(spark, m, function, tuning.parallelism(), tuning.threadsPerTrial())) {
            c = top.execute(executor, tuning.trialRetries(), label);
        }
        TrialResult best = c.best().orElseThrow(() -> new IllegalStateException(label + ": each of the " + top.candidates().size()
                + " best trials trained " + what + " failed; first error: " + c.confirmed().get(0).error()));
        LOG.info("{}: {} trial {} is best, PR-AUC {} ({} s for {} trials)", label, what, best.number(),
                String.format("%.4f", best.value()), c.elapsed().toSeconds(), top.candidates().size());
        return c;
    }

    private TrialExecutor executor(AlphaLeakConfig.Tuning t, SplitMatrices m, Dataset<Row> frame, double spw, long seed) {
        if (t.mode() == TuningMode.DATA_PARALLEL) {
            return new SynapseMlTrialExecutor(frame, m.featureNames(), m.validation(), spw, seed, t.maxIterations(), patience(t),
                    t.parallelism());
        }
        return new SparkTaskTrialExecutor(spark, m, boosterTrial(t, spw, seed), t.parallelism(), t.threadsPerTrial());
    }

    /** The trial function of a task-parallel search; the final fit replays its best trial with it. */
    private static BoosterTrial boosterTrial(AlphaLeakConfig.Tuning t, double spw, long seed) {
        return new BoosterTrial(seed, t.threadsPerTrial(), spw, t.maxIterations(), t.earlyStoppingRounds(), true,
                t.earlyStoppingShrinkage());
    }

    private static Patience patience(AlphaLeakConfig.Tuning t) {
        return new Patience(t.earlyStoppingRounds(), t.earlyStoppingShrinkage());
    }
}
