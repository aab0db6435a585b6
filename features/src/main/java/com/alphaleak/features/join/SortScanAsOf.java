package com.alphaleak.features.join;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

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

/**
 * Keyed as-of join that stays balanced when a few keys own most rows.
 *
 * <p>Time is cut into buckets; left and right rows are shuffled by (key, bucket), so a hot key's
 * rows spread over as many tasks as it has busy buckets, and each partition is sorted once by
 * (key, bucket, time, right-before-left, tie-break, hash) and scanned in one pass. A left row's
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

    private final PointInTimeJoin.Builder b;

    SortScanAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    Dataset<Row> join() {
        long width = b.bucketWidth != null ? b.bucketWidth.toNanos() / 1000 : defaultWidthMicros(b.left, b.leftTime);
        Column leftMicros = unix_micros(quoted(b.leftTime));
        Column[] leftAll = Arrays.stream(b.left.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);

        Dataset<Row> right = AsOfColumns.preparedRight(b).withColumn(B, floor(col(T).divide(width)).cast(DataTypes.LongType));
        StructType vType = (StructType) right.schema().apply(V).dataType();
        StructType lType = (StructType) b.left.select(struct(leftAll)).schema().fields()[0].dataType();

        Dataset<Row> left = b.left.select(quoted(b.leftKey).as(K),
                floor(leftMicros.divide(width)).cast(DataTypes.LongType).as(B),
                leftMicros.as(T), lit(AsOfColumns.LEFT).as(KIND), lit(0L).as(TB), lit(0L).as(H),
                lit(null).cast(vType).as(V), struct(leftAll).as(L));

        // Last right row of each (key, bucket), available to every later bucket of the key.
        Column winner = struct(col(T), col(TB), col(H), col(V));
        Dataset<Row> lastPerBucket = right.groupBy(col(K), col(B))
                .agg(max_by(winner, struct(col(T), col(TB), col(H))).as("w"))
                .select(col(K), col(B).plus(1).as(B), lit(AsOfColumns.RIGHT).as(KIND), col("w"));
        Dataset<Row> leftBuckets = left.filter(col(K).isNotNull().and(col(B).isNotNull())).select(col(K), col(B)).distinct()
                .select(col(K), col(B), lit(AsOfColumns.LEFT).as(KIND), lit(null).cast(lastPerBucket.schema().apply("w").dataType()).as("w"));
        Dataset<Row> carried = lastPerBucket.unionByName(leftBuckets)
                .withColumn("c", last(col("w"), true).over(Window.partitionBy(col(K)).orderBy(col(B), col(KIND))
                        .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .filter(col(KIND).equalTo(AsOfColumns.LEFT).and(col("c").isNotNull()))
                .select(col(K), col(B), col("c.*"))
                .select(col(K), col(B), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V), lit(null).cast(lType).as(L));

        Dataset<Row> rightRows = right.select(col(K), col(B), col(T), lit(AsOfColumns.RIGHT).as(KIND), col(TB), col(H), col(V),
                lit(null).cast(lType).as(L));
        Dataset<Row> stream = rightRows.unionByName(carried).unionByName(left)
                .repartition(col(K), col(B))
                .sortWithinPartitions(col(K), col(B), col(T), col(KIND), col(TB), col(H));

        StructType out = b.outputSchema();
        int brought = b.columns.size();
        boolean matched = b.matchedTimeAs != null;
        long maxAge = b.maxAgeMicros();
        return stream.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Scan(it, brought, matched, maxAge), Encoders.row(out));
    }

    static long defaultWidthMicros(Dataset<Row> left, String leftTime) {
        Row r = left.agg(min(unix_micros(quoted(leftTime))), max(unix_micros(quoted(leftTime)))).first();
        if (r.isNullAt(0)) return MIN_WIDTH_MICROS;
        long range = r.getLong(1) - r.getLong(0);
        return Math.max(MIN_WIDTH_MICROS, range / TARGET_BUCKETS + 1);
    }

    /** One pass over a sorted partition; emits one row per left row. */
    private static final class Scan implements Iterator<Row> {
        private final Iterator<Row> in;
        private final int brought;
        private final boolean matchedTime;
        private final long maxAge;
        private Object key;
        private Object bucket;
        private boolean started;
        private Row lastV;
        private long lastT;
        private Row next;

        Scan(Iterator<Row> in, int brought, boolean matchedTime, long maxAge) {
            this.in = in;
            this.brought = brought;
            this.matchedTime = matchedTime;
            this.maxAge = maxAge;
        }

        @Override
        public boolean hasNext() {
            while (next == null && in.hasNext()) {
                Row r = in.next();
                Object k = r.get(0);
                Object bk = r.get(1);
                if (!started || !Objects.equals(k, key) || !Objects.equals(bk, bucket)) {
                    started = true;
                    key = k;
                    bucket = bk;
                    lastV = null;
                }
                if (r.getInt(3) == AsOfColumns.RIGHT) {
                    lastV = r.getStruct(6);
                    lastT = r.getLong(2);
                } else {
                    Row match = null;
                    if (k != null && !r.isNullAt(2) && lastV != null && (maxAge < 0 || r.getLong(2) - lastT <= maxAge)) {
                        match = lastV;
                    }
                    next = AsOfColumns.output(r.getStruct(7), match, brought, matchedTime);
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            Row r = next;
            next = null;
            return r;
        }
    }
}
