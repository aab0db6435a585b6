package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * Right rows with a key and a time, as (K?, T micros, TB (the tie-break as it is), H,
     * V = struct(brought columns..., right time)). H hashes the whole right row so full ties still resolve deterministically.
     */
    static Dataset<Row> preparedRight(PointInTimeJoin.Builder b) {
        Column[] all = Arrays.stream(b.right.columns()).map(AsOfColumns::quoted).toArray(Column[]::new);
        List<Column> v = new ArrayList<>();
        for (String c : b.columns) v.add(quoted(c));
        v.add(quoted(b.rightTime).as(MATCHED));
        List<Column> out = new ArrayList<>();
        Column filter = quoted(b.rightTime).isNotNull();
        if (b.keyed()) {
            out.add(quoted(b.rightKey).as(K));
            filter = filter.and(quoted(b.rightKey).isNotNull());
        }
        out.add(unix_micros(quoted(b.rightTime)).as(T));
        // The tie-break keeps its own type: every strategy orders it ascending with nulls first,
        // so null is the lowest value and the greatest value wins, as the column compares.
        out.add((b.tieBreak == null ? lit(0L) : quoted(b.tieBreak)).as(TB));
        out.add(xxhash64(all).as(H));
        out.add(struct(v.toArray(Column[]::new)).as(V));
        return b.right.filter(filter).select(out.toArray(Column[]::new));
    }

    /** Tie-break value of left rows in a union with right rows: only its type matters (left sorts after right of equal time). */
    static Column leftTieBreak(Dataset<Row> preparedRight) {
        return lit(null).cast(preparedRight.schema().apply(TB).dataType());
    }

    /**
     * Output of the window strategies: from left rows carrying {@code w = struct(t, v)}, the
     * last right row scanned before them, the left fields then the winner's columns, nulled when
     * the key or time is null or the winner is older than the max age.
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
