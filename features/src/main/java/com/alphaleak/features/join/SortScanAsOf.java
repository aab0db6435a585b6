package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.alphaleak.features.join.AsOfColumns.B;
import static com.alphaleak.features.join.AsOfColumns.H;
import static com.alphaleak.features.join.AsOfColumns.K;
import static com.alphaleak.features.join.AsOfColumns.KIND;
import static com.alphaleak.features.join.AsOfColumns.L;
import static com.alphaleak.features.join.AsOfColumns.PREFIX;
import static com.alphaleak.features.join.AsOfColumns.T;
import static com.alphaleak.features.join.AsOfColumns.TB;
import static com.alphaleak.features.join.AsOfColumns.V;
import static com.alphaleak.features.join.AsOfColumns.quoted;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Keyed as-of join that stays balanced when a few keys own most rows.
 *
 * <p>Heavy keys (more rows than a threshold on either side, default {@value PointInTimeJoin#DEFAULT_HEAVY_KEY_ROWS},
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
 * <p>Bucket width, per heavy key: the middle {@code 1 - 2 * }{@value #TAIL} of that key's own times
 * (left and right rows together, between approximate quantiles {@value #TAIL} and
 * {@code 1 - }{@value #TAIL}) spans {@value #TARGET_BUCKETS} buckets, at least one minute wide.
 * Quantiles, not the min and max: one signal dated 1970 would otherwise stretch the range to
 * decades and the width to weeks, putting the whole hot key back into one bucket and one task.
 * Rows outside the middle range land in buckets of their own (more buckets, none bigger). Per
 * key, not global: a key active for an hour gets buckets a few seconds wide even when other keys
 * span months. A fixed {@link PointInTimeJoin.Builder#bucketWidth} overrides this.
 *
 * <p>Cost: one shuffle of left + right rows plus two small aggregates, and before it two
 * aggregations over the keys and times of both sides (the counts that find heavy keys, then the
 * quantiles of the heavy keys only); no task holds more than one bucket of a key, so the largest
 * task is bounded by the bucket width, not by the hottest key.
 */
final class SortScanAsOf {
    /** Buckets spanned by the middle of a heavy key's times. */
    static final int TARGET_BUCKETS = 512;
    /** Quantile cut from each end of a key's times before its width is derived. */
    static final double TAIL = 0.1;
    static final long MIN_WIDTH_MICROS = 60_000_000L;
    /** Keys split by time at most; beyond a few thousand, a key is not "a few enormous keys". */
    static final int MAX_HEAVY_KEYS = 5_000;
    /** percentile_approx accuracy: rank error at most 1/1000 of a key's rows, plenty for a width. */
    private static final int QUANTILE_ACCURACY = 1_000;

    private static final String W = PREFIX + "w";
    private static final String WK = PREFIX + "wk";

    private final PointInTimeJoin.Builder b;

    SortScanAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    Dataset<Row> join() {
        Column[] leftAll = Arrays.stream(b.left.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);
        Dataset<Row> prepared = AsOfColumns.preparedRight(b);
        // (WK, W): one row per heavy key with its width in microseconds; a local table, broadcast.
        Dataset<Row> widths = broadcast(widthTable(prepared));
        // Only heavy keys are cut into time buckets: every other key stays one group (bucket 0),
        // as cheap as a plain window, and needs no carried-in row.
        Dataset<Row> right = bucketed(prepared, widths);
        StructType vType = (StructType) prepared.schema().apply(V).dataType();
        StructType lType = (StructType) b.left.select(struct(leftAll)).schema().fields()[0].dataType();

        Dataset<Row> left = bucketed(b.left.select(quoted(b.leftKey).as(K), unix_micros(quoted(b.leftTime)).as(T),
                        lit(AsOfColumns.LEFT).as(KIND), AsOfColumns.leftTieBreak(prepared).as(TB), lit(0L).as(H),
                        lit(null).cast(vType).as(V), struct(leftAll).as(L)), widths);
        Column isHeavy = col(W).isNotNull();

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

        Column[] layout = {col(K), col(B), col(T), col(KIND), col(TB), col(H), col(V), col(L)};
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
        Dataset<Row> scanned = rightRows.unionByName(carried).unionByName(left.select(layout))
                .repartition(col(K), col(B))
                .withColumn("w", w)
                .filter(col(KIND).equalTo(AsOfColumns.LEFT));
        return AsOfColumns.winners(b, scanned);
    }

    /**
     * Adds the bucket B (and the key's width W, null for light keys). {@code floor(t / width)}
     * never decreases with t, which is all the carried-in rows rely on.
     */
    private static Dataset<Row> bucketed(Dataset<Row> rows, Dataset<Row> widths) {
        Dataset<Row> joined = rows.join(widths, rows.col(K).equalTo(widths.col(WK)), "left_outer").drop(WK);
        return joined.withColumn(B, when(col(W).isNull(), lit(0L)).otherwise(floor(col(T).divide(col(W)))).cast(DataTypes.LongType));
    }

    /** The bucket width of each heavy key, in microseconds; keys not in the map are one bucket. */
    Map<Object, Long> widthsMicros() {
        Map<Object, Long> out = new LinkedHashMap<>();
        for (Row r : widthTable(AsOfColumns.preparedRight(b)).collectAsList()) out.put(r.get(0), r.getLong(1));
        return out;
    }

    /**
     * One row (WK, W) per heavy key. Heavy: more than the threshold of right rows or of left rows
     * (counted on {@code leftStatsFrom} when given), or named by the caller.
     */
    private Dataset<Row> widthTable(Dataset<Row> prepared) {
        DataType keyType = prepared.schema().apply(K).dataType();
        StructType schema = new StructType().add(WK, keyType, false).add(W, DataTypes.LongType, false);
        Dataset<Row> leftSource = b.leftStats != null ? b.leftStats : b.left;
        Dataset<Row> times = prepared.select(col(K), col(T), lit(AsOfColumns.RIGHT).as(KIND))
                .unionByName(leftSource.select(quoted(b.leftKey).as(K), unix_micros(quoted(b.leftTime)).as(T), lit(AsOfColumns.LEFT).as(KIND)))
                .filter(col(K).isNotNull());
        Column rights = count_if(col(KIND).equalTo(AsOfColumns.RIGHT));
        Column lefts = count_if(col(KIND).equalTo(AsOfColumns.LEFT));
        Column heavy = col("r").gt(b.heavyKeyRows).or(col("l").gt(b.heavyKeyRows));
        if (!b.heavyKeys.isEmpty()) heavy = heavy.or(col(K).isin(b.heavyKeys.toArray()));
        List<Row> heavyKeys = times.groupBy(col(K)).agg(rights.as("r"), lefts.as("l")).filter(heavy)
                .orderBy(greatest(col("r"), col("l")).desc()).limit(MAX_HEAVY_KEYS).select(col(K)).collectAsList();

        List<Row> rows = new ArrayList<>();
        if (b.bucketWidth != null) {
            long width = Math.max(1, b.bucketWidth.toNanos() / 1000);
            for (Row k : heavyKeys) rows.add(RowFactory.create(k.get(0), width));
        } else if (!heavyKeys.isEmpty()) {
            Dataset<Row> keys = b.left.sparkSession().createDataFrame(heavyKeys, new StructType().add(K, keyType, false));
            Column quantiles = percentile_approx(col(T), array(lit(TAIL), lit(1 - TAIL)), lit(QUANTILE_ACCURACY));
            for (Row q : times.filter(col(T).isNotNull()).join(broadcast(keys), K).groupBy(col(K)).agg(quantiles.as("q")).collectAsList()) {
                List<Long> lohi = q.getList(1);
                rows.add(RowFactory.create(q.get(0), width(lohi.get(0), lohi.get(1))));
            }
        }
        return b.left.sparkSession().createDataFrame(rows, schema);
    }

    /** Width for a key whose middle times run from {@code lo} to {@code hi}: that span over {@value #TARGET_BUCKETS}, at least a minute. */
    static long width(long lo, long hi) {
        return Math.max(MIN_WIDTH_MICROS, Math.floorDiv(hi - lo, TARGET_BUCKETS) + 1);
    }
}
