package com.alphaleak.features.dataset;

import com.alphaleak.contracts.DataContractException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
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

    /** Fails when any of {@code columns} is null in some row. */
    public static void requireNonNull(Dataset<Row> data, String table, String idColumn, List<String> columns) {
        List<String> problems = new ArrayList<>();
        for (String c : columns) {
            Dataset<Row> bad = data.filter(col(c).isNull());
            long n = bad.count();
            if (n > 0) {
                problems.add(n + " row(s) with null '" + c + "'" + examples(bad, idColumn));
            }
        }
        if (!problems.isEmpty()) throw new DataContractException(table, problems);
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
