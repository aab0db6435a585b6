package com.alphaleak.features.dataset;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.features.split.ChronologicalSplit;
import com.alphaleak.features.split.SplitResult;
import com.alphaleak.labels.LabelDeriver;
import com.alphaleak.labels.LabelResult;
import com.alphaleak.registry.FeatureRegistry;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Builds one point-in-time training set in memory (lazy), without writing it:
 * <ol>
 *   <li>checks every input (schema, required nulls, conflicting duplicate ids) and the outcomes
 *       against their events (see {@link com.alphaleak.labels.OutcomeValidator});</li>
 *   <li>labels every configured target as of {@code asOf} (default: the latest observation in the
 *       outcome table); unmatured or missing outcomes get a null label, never 0;</li>
 *   <li>splits chronologically ({@link ChronologicalSplit});</li>
 *   <li>looks up every context table as of the event time ({@link FeatureAssembler}).</li>
 * </ol>
 * Output columns: id, the kind's carried columns (e.g. wallet, token, creator), event time,
 * the registry's features in order (double), one label column per target (int, null = excluded),
 * one peak-multiple column per horizon of the targets ({@code peak_multiple_<H>}, double, null where
 * that horizon's labels are), the split column. Every event row is kept, duplicates included.
 *
 * <pre>{@code
 * TrainingSet set = TrainingSetBuilder.of(DatasetKind.SIGNAL, FeatureRegistry.of("signal_v1"))
 *     .events(signals).outcomes(outcomes)
 *     .context(Contracts.WALLET_FEATURES, walletFeatures, Optional.empty())  // ... every source table
 *     .targets(targets).split(config.split())
 *     .execute();
 * }</pre>
 */
public final class TrainingSetBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSetBuilder.class);

    private final DatasetKind kind;
    private final FeatureRegistry registry;
    private Dataset<Row> events;
    private Dataset<Row> outcomes;
    private final Map<String, ContextTable> contexts = new LinkedHashMap<>();
    private List<TargetSpec> targets = List.of();
    private AlphaLeakConfig.Split split = new AlphaLeakConfig.Split(0.2, 0.0);
    private Instant asOf;

    private TrainingSetBuilder(DatasetKind kind, FeatureRegistry registry) {
        this.kind = Objects.requireNonNull(kind);
        this.registry = Objects.requireNonNull(registry);
        if (!registry.eventTable().equals(kind.events().name())) {
            throw new IllegalArgumentException("registry " + registry.version() + " describes " + registry.eventTable()
                    + " rows, not " + kind.events().name());
        }
    }

    public static TrainingSetBuilder of(DatasetKind kind, FeatureRegistry registry) {
        return new TrainingSetBuilder(kind, registry);
    }

    public TrainingSetBuilder events(Dataset<Row> rows) {
        this.events = rows;
        return this;
    }

    public TrainingSetBuilder outcomes(Dataset<Row> rows) {
        this.outcomes = rows;
        return this;
    }

    public TrainingSetBuilder context(TableContract contract, Dataset<Row> rows, Optional<Duration> maxAge) {
        contexts.put(contract.name(), new ContextTable(contract, rows, maxAge));
        return this;
    }

    public TrainingSetBuilder targets(List<TargetSpec> targets) {
        this.targets = List.copyOf(targets);
        return this;
    }

    public TrainingSetBuilder split(AlphaLeakConfig.Split split) {
        this.split = Objects.requireNonNull(split);
        return this;
    }

    /** Labels as of this instant instead of the latest observation in the outcome table. */
    public TrainingSetBuilder asOf(Instant asOf) {
        this.asOf = asOf;
        return this;
    }

    public TrainingSet execute() {
        long started = System.nanoTime();
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(outcomes, "outcomes");
        InputChecks.events(events, kind.events(), kind.idColumn());
        java.util.Set<String> emptyContexts = new java.util.HashSet<>();
        for (String table : registry.bySourceTable().keySet()) {
            if (table.equals(kind.events().name())) continue;
            ContextTable ctx = contexts.get(table);
            if (ctx == null) {
                throw new IllegalArgumentException(registry.version() + " needs context table '" + table + "'; given: " + contexts.keySet());
            }
            if (InputChecks.context(ctx) == 0) {
                LOG.warn("{}: context table {} is empty; its features are missing for every row", kind.datasetName(), table);
                emptyContexts.add(table);
            }
        }
        LOG.info("{}: inputs checked ({} ms)", kind.datasetName(), (System.nanoTime() - started) / 1_000_000);
        LabelDeriver labeller = new LabelDeriver(kind.labels(), targets);
        LabelResult labels = asOf == null ? labeller.derive(events, outcomes) : labeller.derive(events, outcomes, asOf);

        // Split before the joins: the joins keep every row, so the boundary and the counts are
        // those of the final set, and they cost a pass over the events instead of over the joins.
        SplitResult splitResult = ChronologicalSplit.of(split, kind.timeColumn()).apply(labels.labelled(), kind.datasetName());
        LOG.info("{}: {} rows ({} train, {} validation, {} calibration); validation from {} ({} ms)", kind.datasetName(),
                splitResult.rows(), splitResult.trainRows(), splitResult.validationRows(), splitResult.calibrationRows(),
                splitResult.validationStart(), (System.nanoTime() - started) / 1_000_000);

        Dataset<Row> withFeatures = new FeatureAssembler(kind, registry).assemble(splitResult.data(), contexts, emptyContexts);
        List<Column> columns = new ArrayList<>();
        columns.add(col(kind.idColumn()));
        kind.carriedColumns().forEach(c -> columns.add(col(c)));
        columns.add(col(kind.timeColumn()));
        registry.names().forEach(n -> columns.add(col(n)));
        targets.forEach(t -> columns.add(col(t.name())));
        // The peak multiples the labels came from (masked as they are), for models trained on them.
        targets.stream().map(t -> t.horizon().peakColumn()).distinct().forEach(c -> columns.add(col(c)));
        columns.add(col(ChronologicalSplit.DEFAULT_COLUMN));
        Dataset<Row> assembled = withFeatures.select(columns.toArray(Column[]::new));
        return new TrainingSet(kind, registry, targets, assembled, labels, splitResult);
    }
}
