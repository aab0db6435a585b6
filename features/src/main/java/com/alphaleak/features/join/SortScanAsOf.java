package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Keyed as-of join that stays balanced when a few keys own most rows.
 *
 * <p>Heavy keys (more right rows than a threshold, default {@value PointInTimeJoin#DEFAULT_HEAVY_KEY_ROWS},
 * or named by the caller) have their time cut into buckets of a fixed width; every other key is
 * one bucket. Left and right rows are shuffled together by (key, bucket), so a hot key spreads
 * over as many tasks as it has busy buckets, and each (key, bucket) is sorted by (time,
 * right-before-left, tie-break, hash) and scanned once: the last right row seen is the winner of
 * every following left row (a running window over (key, bucket), run by Spark's generated code).
 *
 * <p>A left row's winner may also lie in an earlier bucket of its key. For every (heavy key,
 * bucket holding left rows) the latest earlier bucket with right rows and its greatest time are
 * found on two small aggregates (one row per busy bucket, however hot the key), and the right rows
 * at that time are copied into the left bucket by a broadcast join ("carried in"); the scan then
 * ranks them like any other right row. No window ever spans a whole key, and no right row is
 * sorted more than once. Max age is applied to the winner: the latest candidate is the youngest.
 *
 * <p>Left rows with a null key or time match nothing; they are spread over buckets by a hash of
 * their content so that many of them do not meet in one task.
 */
final class SortScanAsOf {
    /** Buckets over the left time range when no width is given. */
    static final int TARGET_BUCKETS = 512;
    private static final long MIN_WIDTH_MICROS = 60_000_000L;
    /**
     * Keys split by time at most. Beyond a few thousand a key is not "a few enormous keys", and
     * the carried-in table, one row per (heavy key, busy bucket), must stay small enough to broadcast.
     */
    static final int MAX_HEAVY_KEYS = 2_000;
    /** Sampled rows expected from a key exactly at the heavy-key threshold. */
    static final int HEAVY_SAMPLE_HITS = 2_000;
    /** Buckets over which unmatchable left rows (null key or time) are spread. */
    private static final int NULL_SPREAD = 1024;

    private static final String CK = AsOfColumns.PREFIX + "ck";
    private static final String CB = AsOfColumns.PREFIX + "cb";
    private static final String SB = AsOfColumns.PREFIX + "sb";
    private static final String ST = AsOfColumns.PREFIX + "st";

    private final PointInTimeJoin.Builder b;

    SortScanAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    Dataset<Row> join() {
        long width = b.bucketWidth != null ? b.bucketWidth.toNanos() / 1000 : defaultWidthMicros(b.left, b.leftTime);
        Column[] leftAll = Arrays.stream(b.left.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);

        Dataset<Row> prepared = AsOfColumns.preparedRight(b);
        List<Object> heavy = heavyKeys(prepared);
        // Only heavy keys are cut into time buckets: every other key stays one group (bucket 0),
        // as cheap as a plain window, and needs nothing carried in. Any bucket function works as
        // long as it never decreases with time: floor of a correctly rounded division does not.
        Column isHeavy = heavy.isEmpty() ? lit(false) : col(K).isin(heavy.toArray());
        Column bucketOfT = when(isHeavy, floor(col(T).divide(width))).otherwise(lit(0L)).cast(DataTypes.LongType);
        Dataset<Row> right = prepared.withColumn(B, bucketOfT);
        StructType vType = (StructType) right.schema().apply(V).dataType();
        StructType lType = (StructType) b.left.select(struct(leftAll)).schema().fields()[0].dataType();

        Column unmatchable = col(K).isNull().or(col(T).isNull());
        Column spread = pmod(xxhash64(col(L)), lit((long) NULL_SPREAD)).minus(NULL_SPREAD);
        Dataset<Row> left = b.left.select(quoted(b.leftKey).as(K), unix_micros(quoted(b.leftTime)).as(T), struct(leftAll).as(L))
                .withColumn(B, when(unmatchable, spread).otherwise(bucketOfT).cast(DataTypes.LongType))
                .select(col(K), col(B), col(T), lit(AsOfColumns.LEFT).as(KIND), lit(0L).as(TB), lit(0L).as(H),
                        lit(null).cast(vType).as(V), col(L));

        Dataset<Row> rightRows = right.select(col(K), col(B), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V),
                lit(null).cast(lType).as(L));
        Dataset<Row> all = rightRows.unionByName(left);
        if (!heavy.isEmpty()) {
            Dataset<Row> heavyRight = AsOfColumns.keyedRight(b).withColumn(B, bucketOfT).filter(isHeavy);
            all = all.unionByName(carriedIn(heavyRight, left.filter(isHeavy.and(col(T).isNotNull())), lType));
        }

        // The scan: within each (key, bucket), in (time, right-before-left, tie-break, hash) order,
        // the last right row seen is every following left row's winner.
        Column w = last(when(col(KIND).equalTo(AsOfColumns.RIGHT), struct(col(T).as("t"), col(V).as("v"))), true)
                .over(Window.partitionBy(col(K), col(B)).orderBy(col(T), col(KIND), col(TB), col(H))
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        // Explicitly by (key, bucket): left to itself, Spark may reuse a partitioning by key
        // alone (it satisfies the window's clustering), which would put a hot key in one task.
        Dataset<Row> scanned = all.repartition(col(K), col(B))
                .withColumn("w", w)
                .filter(col(KIND).equalTo(AsOfColumns.LEFT));
        return AsOfColumns.winners(b, scanned);
    }

    /**
     * Copies of the right rows that can win for a left bucket from an earlier bucket: for each
     * (heavy key, bucket with left rows), the right rows at the greatest time of the latest earlier
     * bucket with right rows, re-labelled with the left bucket. Ties among them (equal time) are
     * settled by the scan's ordering like any other.
     */
    private Dataset<Row> carriedIn(Dataset<Row> heavyRight, Dataset<Row> heavyLeft, StructType lType) {
        Dataset<Row> rightBuckets = heavyRight.groupBy(col(K), col(B)).agg(max(col(T)).as("mt"))
                .select(col(K), col(B), lit(AsOfColumns.RIGHT).as(KIND), col("mt"));
        Dataset<Row> leftBuckets = heavyLeft.select(col(K), col(B)).distinct()
                .select(col(K), col(B), lit(AsOfColumns.LEFT).as(KIND), lit(null).cast(DataTypes.LongType).as("mt"));
        // Left before right at an equal bucket: a left bucket's source must be strictly earlier,
        // its own right rows are in the scan already (later ones must not be seen).
        Column source = last(when(col(KIND).equalTo(AsOfColumns.RIGHT), struct(col(B).as("sb"), col("mt").as("st"))), true)
                .over(Window.partitionBy(col(K)).orderBy(col(B), col(KIND).desc())
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        Dataset<Row> targets = rightBuckets.unionByName(leftBuckets)
                .withColumn("src", source)
                .filter(col(KIND).equalTo(AsOfColumns.LEFT).and(col("src").isNotNull()))
                .select(col(K).as(CK), col(B).as(CB), col("src.sb").as(SB), col("src.st").as(ST));
        // One row per (heavy key, busy bucket): small enough to broadcast, which keeps the heavy
        // right rows from being shuffled a second time. Hash and values are computed after the
        // join, for the few rows it keeps.
        Dataset<Row> t = broadcast(targets);
        List<Column> out = new ArrayList<>(List.of(col(K), col(CB).as(B), col(T), lit(AsOfColumns.RIGHT).as(KIND)));
        out.addAll(AsOfColumns.rankedValues(b));
        out.add(lit(null).cast(lType).as(L));
        return heavyRight.join(t, heavyRight.col(K).equalTo(t.col(CK)).and(heavyRight.col(B).equalTo(t.col(SB)))
                        .and(heavyRight.col(T).equalTo(t.col(ST))))
                .select(out.toArray(Column[]::new));
    }

    /**
     * Keys with more than the heavy-key threshold of right rows, plus the keys the caller named.
     * Right rows are counted because the right side is a plain table read (the left side may be
     * the lazy output of earlier joins, which counting would recompute). With a large threshold
     * they are counted on a seeded sample holding about {@value #HEAVY_SAMPLE_HITS} rows of a key
     * at the threshold: a key near it may fall either side, which changes the balance, never the result.
     */
    private List<Object> heavyKeys(Dataset<Row> prepared) {
        LinkedHashSet<Object> keys = new LinkedHashSet<>();
        double fraction = Math.min(1.0, HEAVY_SAMPLE_HITS / (double) Math.max(1, b.heavyKeyRows));
        Dataset<Row> counted = fraction < 1.0 ? prepared.select(col(K)).sample(false, fraction, 17L) : prepared.select(col(K));
        counted.groupBy(col(K)).count().filter(col("count").gt((long) Math.floor(b.heavyKeyRows * fraction)))
                .orderBy(col("count").desc()).limit(MAX_HEAVY_KEYS).select(col(K))
                .collectAsList().forEach(r -> keys.add(r.get(0)));
        for (Object k : b.heavyKeys) {
            if (k != null) keys.add(k);
        }
        return new ArrayList<>(keys).subList(0, Math.min(keys.size(), MAX_HEAVY_KEYS));
    }

    static long defaultWidthMicros(Dataset<Row> left, String leftTime) {
        Row r = left.agg(min(unix_micros(quoted(leftTime))), max(unix_micros(quoted(leftTime)))).first();
        if (r.isNullAt(0)) return MIN_WIDTH_MICROS;
        long range = r.getLong(1) - r.getLong(0);
        return Math.max(MIN_WIDTH_MICROS, range / TARGET_BUCKETS + 1);
    }
}
