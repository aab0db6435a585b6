package com.alphaleak.features.split;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

/**
 * Exact time of the k-th newest row, found by counting, never by sorting all rows on one node.
 *
 * <p>Input: one row per distinct time, {@code t} (epoch microseconds, non-null) and {@code c}
 * (rows at that time). Each pass groups the times of the current range into at most
 * {@code buckets} equal-width buckets, collects the bucket totals (a bounded list) and keeps the
 * bucket where the running count from the newest end reaches k. Once the range holds at most
 * {@code buckets} distinct times they are collected exactly. Every pass shrinks the range's width
 * by a factor of about {@code buckets}, so a realistic time span takes two or three passes.
 */
final class NewestRowsBoundary {
    static final String T = "t";
    static final String C = "c";

    /**
     * @param timeMicros    the time of the k-th newest row: the greatest time t with at least k rows at or after t
     * @param rowsAtOrAfter rows with time {@code >= timeMicros}; at least k, more when rows tie at it
     */
    record Boundary(long timeMicros, long rowsAtOrAfter) {}

    private final Dataset<Row> timeCounts;
    private final long minTime;
    private final long maxTime;
    private final long distinctTimes;
    private final int buckets;

    NewestRowsBoundary(Dataset<Row> timeCounts, long minTime, long maxTime, long distinctTimes, int buckets) {
        if (buckets < 2) {
            throw new IllegalArgumentException("buckets must be at least 2, found " + buckets);
        }
        this.timeCounts = timeCounts;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.distinctTimes = distinctTimes;
        this.buckets = buckets;
    }

    /** @param k 1-based rank from the newest row; must not exceed the number of rows */
    Boundary kthNewest(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, found " + k);
        }
        long lo = minTime;
        long hi = maxTime;
        long distinct = distinctTimes;
        long newer = 0; // rows with time > hi
        while (true) {
            Dataset<Row> range = timeCounts.filter(col(T).between(lo, hi));
            if (distinct <= buckets) {
                long seen = newer;
                for (Row r : range.orderBy(desc(T)).collectAsList()) {
                    seen += r.getLong(1);
                    if (seen >= k) {
                        return new Boundary(r.getLong(0), seen);
                    }
                }
                throw new IllegalArgumentException("k = " + k + " exceeds the number of rows (" + seen + ")");
            }
            long width = Math.max(2, ceilDiv(Math.addExact(Math.subtractExact(hi, lo), 1), buckets));
            Column bucket = call_function("div", col(T).minus(lit(lo)), lit(width)).as("b");
            List<Row> totals = range.groupBy(bucket)
                    .agg(sum(col(C)).as("rows"), count(lit(1)).as("times"), min(col(T)).as("lo"), max(col(T)).as("hi"))
                    .orderBy(desc("b")).collectAsList();
            boolean found = false;
            for (Row b : totals) {
                long rows = b.getLong(1);
                if (newer + rows >= k) {
                    distinct = b.getLong(2);
                    lo = b.getLong(3);
                    hi = b.getLong(4);
                    found = true;
                    break;
                }
                newer += rows;
            }
            if (!found) {
                throw new IllegalArgumentException("k = " + k + " exceeds the number of rows (" + newer + ")");
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
