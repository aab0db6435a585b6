package com.alphaleak.features.dataset;

import com.alphaleak.contracts.DataContractException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.struct;

/**
 * Row-level checks of input tables that a schema cannot express: nulls in required columns and
 * ids that repeat with different content. Each problem names the table, the column, the number of
 * offending rows and up to {@value #EXAMPLES} example ids.
 */
public final class RowChecks {
    static final int EXAMPLES = 5;

    private RowChecks() {}

    /**
     * Fails when any of {@code columns} is null in some row; one pass over the data for all
     * columns. Returns the table's row count, which that pass gets for free.
     */
    public static long requireNonNull(Dataset<Row> data, String table, String idColumn, List<String> columns) {
        Column[] counts = java.util.stream.Stream.concat(java.util.stream.Stream.of(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1))),
                columns.stream().map(c -> count_if(col(c).isNull()))).toArray(Column[]::new);
        Row r = data.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            long n = r.getLong(i + 1);
            if (n > 0) {
                String c = columns.get(i);
                problems.add(n + " row(s) with null '" + c + "'" + examples(data.filter(col(c).isNull()), idColumn));
            }
        }
        if (!problems.isEmpty()) throw new DataContractException(table, problems);
        return r.getLong(0);
    }

    /**
     * Fails when one id appears in rows with different content. Exact duplicate rows are allowed
     * (they are the same signal recorded twice) and are preserved downstream.
     */
    public static void requireConsistentIds(Dataset<Row> data, String table, String idColumn) {
        Column[] all = java.util.Arrays.stream(data.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> conflicting = data.groupBy(col(idColumn))
                .agg(countDistinct(xxhash64(struct(all))).as("versions"))
                .filter(col("versions").gt(1));
        long n = conflicting.count();
        if (n > 0) {
            throw new DataContractException(table, List.of(n + " '" + idColumn + "' value(s) appear in rows with different content"
                    + examples(conflicting, idColumn)));
        }
    }

    static String examples(Dataset<Row> bad, String idColumn) {
        List<Row> rows = bad.select(col(idColumn)).limit(EXAMPLES).collectAsList();
        return rows.isEmpty() ? "" : ", e.g. " + idColumn + " in " + rows.stream().map(r -> String.valueOf(r.get(0))).toList();
    }
}
