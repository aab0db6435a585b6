package com.alphaleak.features.dataset;

import com.alphaleak.contracts.TableContract;
import com.alphaleak.features.join.PointInTimeJoin;
import com.alphaleak.registry.FeatureRegistry;
import com.alphaleak.registry.FeatureSpec;
import com.alphaleak.registry.Ratio;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Puts a registry's features next to each event: event-table features as they are, every context
 * table through a {@link PointInTimeJoin} as of the event time (latest row known at or before it,
 * whole rows, optional max age), then derived ratios. Every feature comes out as a double, in
 * registry order, after the event's own columns; missing stays null (NaN for LightGBM).
 */
final class FeatureAssembler {
    private final DatasetKind kind;
    private final FeatureRegistry registry;

    FeatureAssembler(DatasetKind kind, FeatureRegistry registry) {
        this.kind = kind;
        this.registry = registry;
    }

    /** Names of the internal columns holding the matched row's {@code known_at}, per context table (for audits). */
    static String matchedAtColumn(String table) {
        return "__known_at_" + table;
    }

    /**
     * @param events   event rows (validated), any columns
     * @param contexts context tables by contract name; every source table of the registry must be present
     * @param empty    names of context tables known to have no rows: their features are null, no join
     */
    Dataset<Row> assemble(Dataset<Row> events, Map<String, ContextTable> contexts, java.util.Set<String> empty) {
        Dataset<Row> out = events;
        // The joins plan their time buckets (heavy keys, per-key time quantiles) on the events'
        // keys and times, kept in memory while planning: asking `out`, the lazy output of the
        // earlier joins, would run those joins again for every later one.
        List<Column> keyAndTime = new ArrayList<>();
        for (String c : kind.eventKeyColumns()) keyAndTime.add(col(c));
        keyAndTime.add(col(kind.timeColumn()));
        Dataset<Row> eventKeys = events.select(keyAndTime.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            for (Map.Entry<String, List<FeatureSpec>> e : registry.bySourceTable().entrySet()) {
                String table = e.getKey();
                if (table.equals(kind.events().name())) continue;
                ContextTable ctx = contexts.get(table);
                if (ctx == null) {
                    throw new IllegalArgumentException(registry.version() + " needs context table '" + table + "'; given: " + contexts.keySet());
                }
                List<String> columns = e.getValue().stream().map(FeatureSpec::sourceColumn).toList();
                if (empty.contains(table)) {
                    for (String c : columns) out = out.withColumn(c, lit(null).cast(ctx.rows().schema().apply(c).dataType()));
                    out = out.withColumn(matchedAtColumn(table), lit(null).cast(DataTypes.TimestampType));
                    continue;
                }
                out = join(out, ctx, columns, eventKeys).execute().joined();
            }
        } finally {
            eventKeys.unpersist(false);
        }
        List<Column> selected = new ArrayList<>();
        for (String c : out.columns()) {
            if (registry.feature(c).isEmpty()) selected.add(col(c));
        }
        for (FeatureSpec f : registry.features()) {
            selected.add(f.derivation().map(FeatureAssembler::ratio)
                    .orElseGet(() -> col(f.sourceColumn()).cast(DataTypes.DoubleType)).as(f.name()));
        }
        return out.select(selected.toArray(Column[]::new));
    }

    /**
     * The join of one context table. Keyed by the event column the kind names for it, keyless
     * only when the table's contract has no key: the join checks that against the contract, so
     * a keyed table the kind has no event key for is an error, never a time-only join.
     */
    private PointInTimeJoin.Builder join(Dataset<Row> out, ContextTable ctx, List<String> columns, Dataset<Row> eventKeys) {
        TableContract contract = ctx.contract();
        PointInTimeJoin.Builder join = PointInTimeJoin.builder(out, ctx.rows()).contract(contract)
                .times(kind.timeColumn(), contract.knownAtColumn().orElseThrow())
                .tieBreak(contract.tieBreakColumn().orElseThrow())
                .columns(columns)
                .matchedTimeAs(matchedAtColumn(contract.name()));
        Optional<String> eventKey = kind.eventKeyFor(contract);
        if (eventKey.isPresent()) {
            join.keys(eventKey.get(), contract.keyColumns().get(0)).leftStatsFrom(eventKeys);
        } else if (contract.keyColumns().isEmpty()) {
            join.keyless();
        } else {
            throw new IllegalArgumentException(kind.datasetName() + " events have no column to look up " + contract.name()
                    + " by: the table is keyed by " + contract.keyColumns() + " (see DatasetKind)");
        }
        ctx.maxAge().ifPresent(join::maxAge);
        return join;
    }

    /** Null when either side is null or the denominator is zero; never infinite. */
    private static Column ratio(Ratio r) {
        Column num = col(r.numerator()).cast(DataTypes.DoubleType);
        Column den = col(r.denominator()).cast(DataTypes.DoubleType);
        return when(den.isNull().or(num.isNull()).or(den.equalTo(0.0)), lit(null).cast(DataTypes.DoubleType))
                .otherwise(num.divide(den));
    }
}
