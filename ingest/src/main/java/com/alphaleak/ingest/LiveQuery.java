package com.alphaleak.ingest;

import com.alphaleak.config.IngestConfig;
import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL ingest sends for one source: the mapped select list (contract column names as aliases),
 * the watermark range and the predicates that split the read into parallel queries.
 */
final class LiveQuery {
    /** Hash of the partition column, computed in the query so the predicates can use it. */
    static final String PART = "alphaleak_part";

    private LiveQuery() {}

    /** Contract columns read from the live table: all but those ingest sets itself. */
    static List<ColumnSpec> readColumns(IngestConfig.Source source, TableContract contract) {
        List<String> owned = IngestedColumns.owned(source.mode(), contract);
        return contract.columns().stream().filter(c -> !owned.contains(c.name())).toList();
    }

    /**
     * @param lower exclusive lower watermark bound (empty: from the start)
     * @param upper inclusive upper watermark bound (empty: no bound, snapshot mode)
     * @return a parenthesised, aliased subquery for Spark's JDBC source
     */
    static String relation(IngestConfig.Source source, TableContract contract, Optional<Watermark> lower, Optional<Watermark> upper) {
        List<String> select = new ArrayList<>();
        for (ColumnSpec c : readColumns(source, contract)) {
            Optional<String> expr = source.columns().containsKey(c.name()) ? source.columns().get(c.name()) : Optional.of(quote(c.name()));
            select.add(expr.map(e -> e).orElse("CAST(NULL AS " + PostgresTypes.of(c.type()) + ")") + " AS " + quote(c.name()));
        }
        source.partitionColumn().ifPresent(p -> select.add("hashtext((" + p + ")::text) AS " + PART));
        List<String> where = new ArrayList<>();
        String wm = source.watermark().map(w -> "(" + w + ")").orElse(null);
        lower.ifPresent(l -> where.add(wm + " > " + l.literal()));
        upper.ifPresent(u -> where.add(wm + " <= " + u.literal()));
        return "(SELECT " + String.join(", ", select) + " FROM " + source.from()
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ") AS alphaleak_src";
    }

    /** One predicate per parallel read: rows by the hash of the partition column, each row in exactly one. */
    static String[] predicates(IngestConfig.Source source) {
        int n = source.partitionColumn().isPresent() ? source.partitions() : 1;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? "1 = 1" : "abs(mod(" + PART + ", " + n + ")) = " + i;
        }
        return out;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
