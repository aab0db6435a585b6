package com.alphaleak.ingest;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Change detection of a snapshot pass: which live rows differ from the latest captured row of their
 * key. Content is compared by a 64-bit hash of the row's contract value columns rendered as JSON
 * (field names included, so a null moving from one column to another is a change; hashing the
 * struct directly would not see it, Spark's hashes skip nulls).
 */
final class ChangeCapture {
    private static final String HASH = "alphaleak_row_hash";
    private static final String PREVIOUS = "alphaleak_previous_hash";

    private ChangeCapture() {}

    /** Live rows (keys and value columns) whose key is new or whose content changed since the latest capture. */
    static Dataset<Row> changed(Dataset<Row> live, Optional<Dataset<Row>> captured, TableContract contract) {
        if (captured.isEmpty()) return live;
        List<String> keys = contract.keyColumns();
        Column[] keyCols = keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        var newestFirst = Window.partitionBy(keyCols).orderBy(col(contract.knownAtColumn().orElseThrow()).desc(),
                col(contract.tieBreakColumn().orElseThrow()).desc());
        Dataset<Row> latest = captured.get().withColumn("alphaleak_rank", row_number().over(newestFirst))
                .filter(col("alphaleak_rank").equalTo(1))
                .select(concat(keys.stream().map(k -> col(k).as("alphaleak_prev_" + k)).toArray(Column[]::new),
                        rowHash(contract).as(PREVIOUS)));
        Column on = keys.stream().map(k -> col(k).equalTo(col("alphaleak_prev_" + k))).reduce(Column::and).orElseThrow();
        Dataset<Row> joined = live.withColumn(HASH, rowHash(contract)).join(latest, on, "left")
                .filter(col(PREVIOUS).isNull().or(col(PREVIOUS).notEqual(col(HASH))));
        return joined.select(live.columns().length == 0 ? new Column[0]
                : java.util.Arrays.stream(live.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    static Column rowHash(TableContract contract) {
        Column[] values = contract.valueColumns().stream().map(ColumnSpec::name)
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return xxhash64(to_json(struct(values)));
    }

    private static Column[] concat(Column[] a, Column b) {
        Column[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
