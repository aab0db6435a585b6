package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/** Internal column names and the shared preparation of the right side. */
final class AsOfColumns {
    static final String PREFIX = "__pit_";
    static final String K = PREFIX + "k";
    static final String B = PREFIX + "b";
    static final String T = PREFIX + "t";
    static final String KIND = PREFIX + "kind";
    static final String TB = PREFIX + "tb";
    static final String H = PREFIX + "h";
    static final String V = PREFIX + "v";
    static final String L = PREFIX + "l";
    static final String MATCHED = PREFIX + "matched";

    /** Right rows sort before left rows of the same time, which makes the bound inclusive. */
    static final int RIGHT = 0;
    static final int LEFT = 1;

    private AsOfColumns() {}

    static Column quoted(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /**
     * Right rows with a key and a time, as (K?, T micros, TB, H, V = struct(brought columns...,
     * right time)). H hashes the whole right row so full ties still resolve deterministically.
     */
    static Dataset<Row> preparedRight(PointInTimeJoin.Builder b) {
        List<Column> out = new ArrayList<>();
        if (b.keyed()) out.add(col(K));
        out.add(col(T));
        out.addAll(rankedValues(b));
        return keyedRight(b).select(out.toArray(Column[]::new));
    }

    /** Right rows with a key (if keyed) and a time: the right columns as they are, plus K and T. */
    static Dataset<Row> keyedRight(PointInTimeJoin.Builder b) {
        Column filter = quoted(b.rightTime).isNotNull();
        Dataset<Row> r = b.right;
        if (b.keyed()) {
            filter = filter.and(quoted(b.rightKey).isNotNull());
            r = r.withColumn(K, quoted(b.rightKey));
        }
        return r.filter(filter).withColumn(T, unix_micros(quoted(b.rightTime)));
    }

    /**
     * TB, H and V of a right row, from its original columns (which must be present under their
     * names): computed after a selective join, they cost nothing for the rows it drops.
     */
    static List<Column> rankedValues(PointInTimeJoin.Builder b) {
        Column[] all = Arrays.stream(b.right.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);
        List<Column> v = new ArrayList<>();
        for (String c : b.columns) v.add(quoted(c));
        v.add(quoted(b.rightTime).as(MATCHED));
        return List.of(
                (b.tieBreak == null ? lit(0L) : coalesce(quoted(b.tieBreak).cast("long"), lit(Long.MIN_VALUE))).as(TB),
                xxhash64(all).as(H),
                struct(v.toArray(Column[]::new)).as(V));
    }

    /**
     * The output of a scan over left rows that carry their winner as {@code w = struct(t, v)}
     * (null without one): left columns from L, then the brought columns and the matched time,
     * null unless the left row has a key and a time, a winner exists and it is within max age.
     */
    static Dataset<Row> winners(PointInTimeJoin.Builder b, Dataset<Row> scanned) {
        Column ok = col(K).isNotNull().and(col(T).isNotNull()).and(col("w").isNotNull());
        if (b.maxAge != null) ok = ok.and(col(T).minus(col("w.t")).leq(b.maxAgeMicros()));
        List<Column> out = new ArrayList<>();
        for (String c : b.left.columns()) out.add(col(L).getField(c).as(c));
        for (String c : b.columns) out.add(when(ok, col("w.v").getField(c)).as(c));
        if (b.matchedTimeAs != null) out.add(when(ok, col("w.v").getField(MATCHED)).as(b.matchedTimeAs));
        return scanned.select(out.toArray(Column[]::new));
    }

    /** Left fields followed by the winner's brought columns (and matched time), or nulls. */
    static Row output(Row left, Row winner, int brought, boolean matchedTime) {
        int n = left.length();
        Object[] values = new Object[n + brought + (matchedTime ? 1 : 0)];
        for (int i = 0; i < n; i++) values[i] = left.get(i);
        if (winner != null) {
            for (int i = 0; i < brought; i++) values[n + i] = winner.get(i);
            if (matchedTime) values[n + brought] = winner.get(brought);
        }
        return RowFactory.create(values);
    }

    /** Microseconds since the epoch of a timestamp value as Spark hands it to Java code. */
    static long micros(Object ts) {
        java.time.Instant i = ts instanceof java.sql.Timestamp t ? t.toInstant() : (java.time.Instant) ts;
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}
