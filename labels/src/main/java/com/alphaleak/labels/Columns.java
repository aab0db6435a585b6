package com.alphaleak.labels;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Small column helpers shared by validation and labelling. */
final class Columns {
    private Columns() {}

    /** A column by its exact name, even when the name holds dots or backticks. */
    static Column named(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /**
     * Up to {@code limit} distinct non-null ids of {@code rows}, ascending: deterministic examples
     * for error messages. Only run on the failure path, it costs a pass over the rows.
     */
    static List<String> smallestIds(Dataset<Row> rows, Column id, int limit) {
        return rows.filter(id.isNotNull()).select(id.cast("string").as("id")).distinct()
                .orderBy(col("id")).limit(limit).collectAsList().stream().map(r -> r.getString(0)).toList();
    }
}
