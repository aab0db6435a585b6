package com.alphaleak.features.dataset;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.io.TableIO;
import com.alphaleak.registry.FeatureRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The build-dataset action: reads the configured input tables (schemas checked at read), builds
 * the signal and/or genesis training sets and writes each under {@code alphaleak.datasets.output}
 * ({@code <output>/signal}, {@code <output>/genesis}), each from its own {@code datasets.<name>}
 * section (registry, targets, event and outcome tables). A target without positives in a slice
 * is skipped and reported ({@link Result#skippedTargets()}); it does not stop the other targets
 * or datasets.
 *
 * <pre>{@code
 * BuildDatasets.Result r = BuildDatasets.with(spark, config).kinds(DatasetKind.SIGNAL).runId(id).execute();
 * }</pre>
 */
public final class BuildDatasets {
    private final SparkSession spark;
    private final AlphaLeakConfig config;
    private final Set<DatasetKind> kinds = EnumSet.allOf(DatasetKind.class);
    private String runId = "adhoc";

    private BuildDatasets(SparkSession spark, AlphaLeakConfig config) {
        this.spark = Objects.requireNonNull(spark);
        this.config = Objects.requireNonNull(config);
    }

    public static BuildDatasets with(SparkSession spark, AlphaLeakConfig config) {
        return new BuildDatasets(spark, config);
    }

    /** Which datasets to build; default both. */
    public BuildDatasets kinds(DatasetKind... only) {
        kinds.clear();
        kinds.addAll(List.of(only));
        return this;
    }

    public BuildDatasets runId(String runId) {
        this.runId = Objects.requireNonNull(runId);
        return this;
    }

    public record Result(List<DatasetWriter.Outcome> datasets) {
        /**
         * Every target training will skip, as {@code <dataset>/<target>} with the reason (from
         * the manifests, so an unchanged dataset reports its skipped targets again).
         */
        public Map<String, String> skippedTargets() {
            Map<String, String> out = new LinkedHashMap<>();
            for (DatasetWriter.Outcome o : datasets) {
                o.skippedTargets().forEach((target, why) -> out.put(o.manifest().dataset() + "/" + target, why));
            }
            return out;
        }
    }

    /** Where a dataset kind is written under the configured output. */
    public static String outputPath(AlphaLeakConfig config, DatasetKind kind) {
        return kind.settings(config.datasets()).path();
    }

    /**
     * Reads and checks the inputs of every requested dataset before writing any: a missing or
     * broken input table fails the whole build (a {@link com.alphaleak.contracts.DataContractException}
     * naming every missing table and its location) with all datasets left as they were.
     */
    public Result execute() {
        List<String> missing = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (DatasetKind kind : kinds) {
            Prepared p = build(kind, missing);
            if (p != null) prepared.add(p);
        }
        if (!missing.isEmpty()) {
            throw new com.alphaleak.contracts.DataContractException("input tables", missing);
        }
        List<DatasetWriter.Outcome> out = new ArrayList<>();
        for (Prepared p : prepared) {
            out.add(new DatasetWriter(spark).write(p.set(), outputPath(config, p.kind()), p.sources(), runId));
        }
        return new Result(out);
    }

    private record Prepared(DatasetKind kind, TrainingSet set, Map<String, SourceTable> sources) {}

    /** Missing tables are added to {@code missing} (and null returned) so that all of them are reported at once. */
    private static boolean present(TableIO io, TableLocation at, List<String> missing) {
        if (io.exists(at)) return true;
        String problem = "input table " + at.describe() + " does not exist (check tables." + at.name()
                + " or tables.root; generate a sample world only on purpose: generate-sample or run --sample)";
        if (!missing.contains(problem)) missing.add(problem);
        return false;
    }

    private Prepared build(DatasetKind kind, List<String> missing) {
        TableIO io = new TableIO(spark);
        AlphaLeakConfig.Tables t = config.tables();
        AlphaLeakConfig.DatasetSettings settings = kind.settings(config.datasets());
        FeatureRegistry registry = FeatureRegistry.of(settings.registry());
        Map<String, SourceTable> sources = new LinkedHashMap<>();
        TableLocation eventsAt = settings.events();
        TableLocation outcomesAt = settings.outcomes();
        Map<String, TableLocation> contextAt = contextLocations(t);
        boolean complete = present(io, eventsAt, missing) & present(io, outcomesAt, missing);
        for (String table : registry.bySourceTable().keySet()) {
            if (table.equals(kind.events().name())) continue;
            TableLocation at = contextAt.get(table);
            if (at == null) throw new IllegalStateException("no configured location for context table " + table);
            complete &= present(io, at, missing);
        }
        if (!complete) return null;
        TrainingSetBuilder b = TrainingSetBuilder.of(kind, registry)
                .events(read(io, eventsAt, kind.events(), sources))
                .outcomes(read(io, outcomesAt, kind.labels().outcomes(), sources))
                .targets(settings.targets())
                .split(config.split());
        for (String table : registry.bySourceTable().keySet()) {
            if (table.equals(kind.events().name())) continue;
            TableLocation at = contextAt.get(table);
            TableContract contract = Contracts.ALL.get(table);
            b.context(contract, read(io, at, contract, sources), at.maxAge());
        }
        return new Prepared(kind, b.execute(), sources);
    }

    private static Map<String, TableLocation> contextLocations(AlphaLeakConfig.Tables t) {
        return Map.of(
                Contracts.WALLET_SNAPSHOTS.name(), t.walletSnapshots(),
                Contracts.WALLET_FEATURES.name(), t.walletFeatures(),
                Contracts.CREATOR_STATS.name(), t.creatorStats(),
                Contracts.TOKEN_STATE.name(), t.tokenState(),
                Contracts.GRAPH_SCORES.name(), t.graphScores(),
                Contracts.MARKET_REGIME.name(), t.marketRegime());
    }

    private static Dataset<Row> read(TableIO io, TableLocation at, TableContract contract, Map<String, SourceTable> sources) {
        Dataset<Row> rows;
        try {
            rows = io.read(at, contract);
        } catch (Exception e) {
            // Spark throws AnalysisException (checked, undeclared) for a missing path or table.
            if (e instanceof org.apache.spark.sql.AnalysisException a) {
                throw new com.alphaleak.contracts.DataContractException(contract.name(),
                        List.of("cannot read " + at.describe() + ": " + a.getSimpleMessage()));
            }
            throw e;
        }
        sources.put(contract.name(), new SourceTable(at.describe(), at.format().sparkName(),
                io.deltaVersion(at).orElse(-1L), at.maxAge().map(Object::toString).orElse(null)));
        return rows;
    }
}
