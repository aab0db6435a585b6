package com.alphaleak.sample;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

/**
 * Test helper: attaches to each signal one value of a context table, either as of the signal
 * (latest row with known_at <= signal_time, ties by snapshot_id) or the latest row overall (what
 * a lookahead-leaking join would take). Null structs mean "no row found".
 */
final class AsOf {
    private AsOf() {}

    /** Columns signal_id, found (boolean), value: the row known at the signal. */
    static Dataset<Row> atSignal(Dataset<Row> signals, Dataset<Row> context, String key, String value) {
        Dataset<Row> snaps = context.select(col(key).as("k"), col("known_at").as("t"), lit(0).as("kind"),
                col("snapshot_id").as("sid"), lit(null).cast("string").as("signal_id"),
                struct(lit(true).as("found"), col(value).cast("double").as("v")).as("snap"));
        Dataset<Row> sigs = signals.select(col(key).as("k"), col("signal_time").as("t"), lit(1).as("kind"),
                lit(Long.MAX_VALUE).as("sid"), col("signal_id"), lit(null).cast("struct<found:boolean,v:double>").as("snap"));
        Column latest = last(col("snap"), true).over(Window.partitionBy(col("k")).orderBy(col("t"), col("kind"), col("sid"))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        return snaps.unionByName(sigs).withColumn("asof", latest).filter(col("kind").equalTo(1))
                .select(col("signal_id"), col("asof.found").isNotNull().as("found"), col("asof.v").as("value"));
    }

    /** Columns signal_id, found, value: the table's latest row for the key, regardless of time. */
    static Dataset<Row> latest(Dataset<Row> signals, Dataset<Row> context, String key, String value) {
        Dataset<Row> last = context.withColumn("rn", org.apache.spark.sql.functions.row_number().over(
                        Window.partitionBy(col(key)).orderBy(col("known_at").desc(), col("snapshot_id").desc())))
                .filter(col("rn").equalTo(1)).select(col(key).as("k"), col(value).cast("double").as("value"));
        return signals.select(col("signal_id"), col(key).as("k")).join(last, "k", "left")
                .select(col("signal_id"), col("value").isNotNull().as("found"), col("value"));
    }
}
