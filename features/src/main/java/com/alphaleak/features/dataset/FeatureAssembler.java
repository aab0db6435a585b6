package com.alphaleak.features.dataset;

import com.alphaleak.features.join.PointInTimeJoin;
import com.alphaleak.registry.FeatureRegistry;
import com.alphaleak.registry.FeatureSpec;
import com.alphaleak.registry.Ratio;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        // One bucket width for every join, from the events' time range: computed on the events
        // themselves, because asking the output of earlier joins would run them again.
        Duration width = PointInTimeJoin.defaultBucketWidth(events, kind.timeColumn());
        Map<String, List<Object>> heavyEventKeys = new java.util.HashMap<>();
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
            PointInTimeJoin.Builder join = PointInTimeJoin.builder(out, ctx.rows())
                    .times(kind.timeColumn(), ctx.contract().knownAtColumn().orElseThrow())
                    .tieBreak(ctx.contract().tieBreakColumn().orElseThrow())
                    .columns(columns)
                    .matchedTimeAs(matchedAtColumn(table))
                    .bucketWidth(width);
            kind.eventKeyFor(ctx.contract()).ifPresent(k -> join.keys(k, ctx.contract().keyColumns().get(0))
                    .heavyKeys(heavyEventKeys.computeIfAbsent(k, key -> heavyKeys(events, key))));
            ctx.maxAge().ifPresent(join::maxAge);
            out = join.execute().joined();
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
     * Keys with many events (bot wallets): the join splits them by time even when the context
     * table has few rows for them. Counted on the events, never on the output of earlier joins.
     */
    private static List<Object> heavyKeys(Dataset<Row> events, String keyColumn) {
        return events.groupBy(col(keyColumn)).count().filter(col("count").gt(PointInTimeJoin.DEFAULT_HEAVY_KEY_ROWS))
                .select(col(keyColumn)).filter(col(keyColumn).isNotNull()).limit(5_000).collectAsList().stream()
                .map(r -> r.get(0)).toList();
    }

    /** Null when either side is null or the denominator is zero; never infinite. */
    private static Column ratio(Ratio r) {
        Column num = col(r.numerator()).cast(DataTypes.DoubleType);
        Column den = col(r.denominator()).cast(DataTypes.DoubleType);
        return when(den.isNull().or(num.isNull()).or(den.equalTo(0.0)), lit(null).cast(DataTypes.DoubleType))
                .otherwise(num.divide(den));
    }
}
