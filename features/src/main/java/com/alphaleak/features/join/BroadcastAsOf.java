package com.alphaleak.features.join;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static com.alphaleak.features.join.AsOfColumns.H;
import static com.alphaleak.features.join.AsOfColumns.T;
import static com.alphaleak.features.join.AsOfColumns.TB;
import static com.alphaleak.features.join.AsOfColumns.V;
import static org.apache.spark.sql.functions.col;

/**
 * Keyless as-of join (the global market regime): the right table is small (one row every few
 * minutes), so it is sorted on the driver, reduced to the winning row per distinct time, broadcast
 * once, and each left row binary-searches it in its own task. No shuffle of the left side, no
 * cross join, no single-partition window.
 */
final class BroadcastAsOf {
    private final PointInTimeJoin.Builder b;

    BroadcastAsOf(PointInTimeJoin.Builder b) {
        this.b = b;
    }

    /** Times ascending, one winner per distinct time. */
    record Table(long[] times, Row[] values) implements Serializable {
        /** Index of the last time {@code <= t}, or -1. */
        int floor(long t) {
            int i = Arrays.binarySearch(times, t);
            return i >= 0 ? i : -i - 2;
        }
    }

    Dataset<Row> join() {
        Dataset<Row> right = AsOfColumns.preparedRight(b);
        long rows = right.count();
        if (rows > b.broadcastLimit) {
            throw new IllegalArgumentException("keyless table has " + rows + " rows, more than the broadcast limit of "
                    + b.broadcastLimit + "; raise the limit or give the table a key");
        }
        // Ascending (time, tie-break, hash): the last row of each time is its winner.
        List<Row> sorted = right.orderBy(col(T), col(TB), col(H)).select(col(T), col(V)).collectAsList();
        int distinct = 0;
        long[] times = new long[sorted.size()];
        Row[] values = new Row[sorted.size()];
        for (Row r : sorted) {
            long t = r.getLong(0);
            if (distinct > 0 && times[distinct - 1] == t) {
                values[distinct - 1] = r.getStruct(1);
            } else {
                times[distinct] = t;
                values[distinct++] = r.getStruct(1);
            }
        }
        Table table = new Table(Arrays.copyOf(times, distinct), Arrays.copyOf(values, distinct));
        Broadcast<Table> shared = JavaSparkContext.fromSparkContext(b.left.sparkSession().sparkContext()).broadcast(table);

        int timeIndex = Arrays.asList(b.left.columns()).indexOf(b.leftTime);
        int brought = b.columns.size();
        boolean matched = b.matchedTimeAs != null;
        long maxAge = b.maxAgeMicros();
        return b.left.mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Search(it, shared, timeIndex, brought, matched, maxAge),
                Encoders.row(b.outputSchema()));
    }

    /** Binary search per left row, against the broadcast table. */
    private static final class Search implements Iterator<Row> {
        private final Iterator<Row> in;
        private final Broadcast<Table> shared;
        private final int timeIndex;
        private final int brought;
        private final boolean matched;
        private final long maxAge;

        Search(Iterator<Row> in, Broadcast<Table> shared, int timeIndex, int brought, boolean matched, long maxAge) {
            this.in = in;
            this.shared = shared;
            this.timeIndex = timeIndex;
            this.brought = brought;
            this.matched = matched;
            this.maxAge = maxAge;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Row next() {
            Row r = in.next();
            Row match = null;
            if (!r.isNullAt(timeIndex)) {
                long t = AsOfColumns.micros(r.get(timeIndex));
                Table tab = shared.value();
                int i = tab.floor(t);
                if (i >= 0 && (maxAge < 0 || t - tab.times()[i] <= maxAge)) match = tab.values()[i];
            }
            return AsOfColumns.output(r, match, brought, matched);
        }
    }
}
