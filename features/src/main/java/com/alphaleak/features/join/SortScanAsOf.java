package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.alphaleak.features.join.AsOfColumns.B;
import static com.alphaleak.features.join.AsOfColumns.H;
import static com.alphaleak.features.join.AsOfColumns.K;
import static com.alphaleak.features.join.AsOfColumns.KIND;
import static com.alphaleak.features.join.AsOfColumns.L;
import static com.alphaleak.features.join.AsOfColumns.T;
import static com.alphaleak.features.join.AsOfColumns.TB;
import static com.alphaleak.features.join.AsOfColumns.V;
import static com.alphaleak.features.join.AsOfColumns.quoted;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Keyed as-of join that stays balanced when a few keys own most rows.
 *
 * <p>Heavy keys (more right rows than a threshold, default {@value PointInTimeJoin#DEFAULT_HEAVY_KEY_ROWS},
 * or named by the caller) have their time cut into buckets; every other key is one bucket.
 * Left and right rows are shuffled by (key, bucket), so a hot key's
 * rows spread over as many tasks as it has busy buckets, and each (key, bucket) is sorted once by
 * (time, right-before-left, tie-break, hash) and scanned in one pass (a running "last right row"
 * window over (key, bucket), which Spark runs as generated code). A left row's
 * winner is either in its own bucket (seen earlier in the scan) or is the last right row of an
 * earlier bucket of its key: that row is "carried in", computed from a per-(key, bucket)
 * aggregate (one row per busy bucket, so the window over a key's buckets stays tiny however hot
 * the key). Max age is applied to the winner: the latest candidate is also the youngest.
 *
 * <p>Cost: one shuffle of left + right rows plus two small aggregates; no task holds more than
 * one bucket of a key, so the largest task is bounded by the bucket width, not by the hottest key.
 */
final class SortScanAsOf {
    /** Buckets over the left time range when no width is given. */
    static final int TARGET_BUCKETS = 512;
    private static final long MIN_WIDTH_MICROS = 60_000_000L;
    /** Keys split by time at most; beyond a few thousand, a key is not "a few enormous keys". */
    static final int MAX_HEAVY_KEYS = 5_000;

    private final PointInTimeJoin.Builder b;

    SortScanAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    Dataset<Row> join() {
        long width = b.bucketWidth != null ? b.bucketWidth.toNanos() / 1000 : defaultWidthMicros(b.left, b.leftTime);
        Column leftMicros = unix_micros(quoted(b.leftTime));
        Column[] leftAll = Arrays.stream(b.left.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);

        Dataset<Row> prepared = AsOfColumns.preparedRight(b);
        List<Object> heavy = heavyKeys(prepared);
        // Only heavy keys are cut into time buckets: every other key stays one group (bucket 0),
        // as cheap as a plain window, and needs no carried-in row.
        Column isHeavy = heavy.isEmpty() ? lit(false) : col(K).isin(heavy.toArray());
        Column bucketOfT = when(isHeavy, floor(col(T).divide(width))).otherwise(lit(0L)).cast(DataTypes.LongType);
        Dataset<Row> right = prepared.withColumn(B, bucketOfT);
        StructType vType = (StructType) right.schema().apply(V).dataType();
        StructType lType = (StructType) b.left.select(struct(leftAll)).schema().fields()[0].dataType();

        Dataset<Row> left = b.left.select(quoted(b.leftKey).as(K), leftMicros.as(T), lit(AsOfColumns.LEFT).as(KIND),
                        lit(0L).as(TB), lit(0L).as(H), lit(null).cast(vType).as(V), struct(leftAll).as(L))
                .withColumn(B, bucketOfT)
                .select(col(K), col(B), col(T), col(KIND), col(TB), col(H), col(V), col(L));

        // Last right row of each (key, bucket), available to every later bucket of the key.
        Column winner = struct(col(T), col(TB), col(H), col(V));
        Dataset<Row> lastPerBucket = right.filter(isHeavy).groupBy(col(K), col(B))
                .agg(max_by(winner, struct(col(T), col(TB), col(H))).as("w"))
                .select(col(K), col(B).plus(1).as(B), lit(AsOfColumns.RIGHT).as(KIND), col("w"));
        Dataset<Row> leftBuckets = left.filter(isHeavy.and(col(B).isNotNull())).select(col(K), col(B)).distinct()
                .select(col(K), col(B), lit(AsOfColumns.LEFT).as(KIND), lit(null).cast(lastPerBucket.schema().apply("w").dataType()).as("w"));
        Dataset<Row> carried = lastPerBucket.unionByName(leftBuckets)
                .withColumn("c", last(col("w"), true).over(Window.partitionBy(col(K)).orderBy(col(B), col(KIND))
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .filter(col(KIND).equalTo(AsOfColumns.LEFT).and(col("c").isNotNull()))
                .select(col(K), col(B), col("c.*"))
                .select(col(K), col(B), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V), lit(null).cast(lType).as(L));

        Dataset<Row> rightRows = right.select(col(K), col(B), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V),
                lit(null).cast(lType).as(L));
        // The scan: within each (key, bucket), in (time, right-before-left, tie-break, hash) order,
        // the last right row seen is every following left row's winner. A window partitioned by
        // (key, bucket) is exactly that sort and scan, run by Spark's generated code.
        Column w = last(when(col(KIND).equalTo(AsOfColumns.RIGHT), struct(col(T).as("t"), col(V).as("v"))), true)
                .over(Window.partitionBy(col(K), col(B)).orderBy(col(T), col(KIND), col(TB), col(H))
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        // Explicitly by (key, bucket): left to itself, Spark may reuse a partitioning by key
        // alone (it satisfies the window's clustering), which would put a hot key in one task.
        Dataset<Row> scanned = rightRows.unionByName(carried).unionByName(left)
                .repartition(col(K), col(B))
                .withColumn("w", w)
                .filter(col(KIND).equalTo(AsOfColumns.LEFT));
        return AsOfColumns.winners(b, scanned);
    }

    /**
     * Keys with more than the heavy-key threshold of right rows, plus the keys the caller named.
     * Right rows are counted because the right side is a plain table read (the left side may be
     * the lazy output of earlier joins, which counting would recompute).
     */
    private List<Object> heavyKeys(Dataset<Row> prepared) {
        java.util.LinkedHashSet<Object> keys = new java.util.LinkedHashSet<>(b.heavyKeys);
        prepared.groupBy(col(K)).count().filter(col("count").gt(b.heavyKeyRows))
                .orderBy(col("count").desc()).limit(MAX_HEAVY_KEYS).select(col(K))
                .collectAsList().forEach(r -> keys.add(r.get(0)));
        return new ArrayList<>(keys);
    }

    static long defaultWidthMicros(Dataset<Row> left, String leftTime) {
        Row r = left.agg(min(unix_micros(quoted(leftTime))), max(unix_micros(quoted(leftTime)))).first();
        if (r.isNullAt(0)) return MIN_WIDTH_MICROS;
        long range = r.getLong(1) - r.getLong(0);
        return Math.max(MIN_WIDTH_MICROS, range / TARGET_BUCKETS + 1);
    }
}
