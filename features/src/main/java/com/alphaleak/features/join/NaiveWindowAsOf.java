package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

import static com.alphaleak.features.join.AsOfColumns.H;
import static com.alphaleak.features.join.AsOfColumns.K;
import static com.alphaleak.features.join.AsOfColumns.KIND;
import static com.alphaleak.features.join.AsOfColumns.L;
import static com.alphaleak.features.join.AsOfColumns.T;
import static com.alphaleak.features.join.AsOfColumns.TB;
import static com.alphaleak.features.join.AsOfColumns.V;
import static com.alphaleak.features.join.AsOfColumns.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * The textbook as-of join, kept as a benchmark baseline: union both sides and take the last right
 * row over a window per key. Correct, but each key is one window partition, so a hot key's rows
 * all land in one task (and a keyless table becomes a single-partition window).
 */
final class NaiveWindowAsOf {
    private final PointInTimeJoin.Builder b;

    NaiveWindowAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    Dataset<Row> join() {
        Column[] leftAll = Arrays.stream(b.left.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);
        Dataset<Row> right = AsOfColumns.preparedRight(b);
        StructType vType = (StructType) right.schema().apply(V).dataType();
        StructType lType = (StructType) b.left.select(struct(leftAll)).schema().fields()[0].dataType();
        Column key = b.keyed() ? col(K) : lit(0);
        Dataset<Row> rightRows = right.select(key.as(K), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V),
                lit(null).cast(lType).as(L));
        Dataset<Row> leftRows = b.left.select((b.keyed() ? quoted(b.leftKey) : lit(0)).as(K), unix_micros(quoted(b.leftTime)).as(T),
                lit(AsOfColumns.LEFT).as(KIND), AsOfColumns.leftTieBreak(right).as(TB), lit(0L).as(H), lit(null).cast(vType).as(V), struct(leftAll).as(L));
        WindowSpec w = Window.partitionBy(col(K)).orderBy(col(T), col(KIND), col(TB), col(H))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> scanned = rightRows.unionByName(leftRows)
                .withColumn("w", when(col(KIND).equalTo(AsOfColumns.RIGHT), struct(col(T).as("t"), col(V).as("v"))))
                .withColumn("w", last(col("w"), true).over(w))
                .filter(col(KIND).equalTo(AsOfColumns.LEFT));
        return AsOfColumns.winners(b, scanned);
    }
}
