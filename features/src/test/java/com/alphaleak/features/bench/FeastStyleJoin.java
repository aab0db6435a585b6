package com.alphaleak.features.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

/**
 * The as-of join as feature stores without a TTL write it (Feast's Spark offline store, roughly):
 * equi-join on the key, keep pairs with the snapshot at or before the event, number them per event
 * by (time, snapshot id) descending, keep the first. Every (event, earlier snapshot) pair of a key
 * is materialised, so its cost grows with the product of a key's rows on both sides.
 */
final class FeastStyleJoin {
    private FeastStyleJoin() {}

    /** Columns: event_id, wallet, signal_time, a, b; null a and b for an event without a snapshot. */
    static Dataset<Row> join(Dataset<Row> events, Dataset<Row> snapshots) {
        Dataset<Row> r = snapshots.select(col("wallet").as("r_wallet"), col("known_at"), col("snapshot_id"), col("a"), col("b"));
        return events.join(r, events.col("wallet").equalTo(r.col("r_wallet")).and(r.col("known_at").leq(events.col("signal_time"))), "left")
                .withColumn("rn", row_number().over(Window.partitionBy("event_id").orderBy(desc("known_at"), desc("snapshot_id"))))
                .filter("rn = 1").select("event_id", "wallet", "signal_time", "a", "b");
    }

    /** About how many (event, earlier snapshot) pairs the join materialises: half of each key's product. */
    static double candidatePairs(Dataset<Row> events, Dataset<Row> snapshots) {
        Dataset<Row> l = events.groupBy("wallet").agg(count(lit(1)).as("nl"));
        Dataset<Row> r = snapshots.groupBy("wallet").agg(count(lit(1)).as("nr"));
        Row s = l.join(r, "wallet").agg(sum(col("nl").cast("double").multiply(col("nr")))).first();
        return s.isNullAt(0) ? 0 : s.getDouble(0) / 2;
    }
}
