package com.alphaleak.features.join;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

/** The as-of join's definition, literally: for each left row, scan every right row. */
final class AsOfReference {
    private AsOfReference() {}

    static List<String> join(Dataset<Row> left, Dataset<Row> right, String leftKey, String rightKey, String leftTime,
                             String rightTime, String tieBreak, Duration maxAge, List<String> columns) {
        Dataset<Row> hashed = right.withColumn("__h", xxhash64(Arrays.stream(right.columns()).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new)));
        List<Row> rights = hashed.collectAsList();
        List<String> out = new ArrayList<>();
        for (Row l : left.collectAsList()) {
            Row best = null;
            Object lk = leftKey == null ? null : l.getAs(leftKey);
            Object lt = l.getAs(leftTime);
            if ((leftKey == null || lk != null) && lt != null) {
                long t = AsOfColumns.micros(lt);
                for (Row r : rights) {
                    if (r.getAs(rightTime) == null) continue;
                    if (leftKey != null && (r.getAs(rightKey) == null || !Objects.equals(lk, r.getAs(rightKey)))) continue;
                    long rt = AsOfColumns.micros(r.getAs(rightTime));
                    if (rt > t) continue;
                    if (maxAge != null && t - rt > maxAge.toNanos() / 1000) continue;
                    if (best == null || compare(r, best, rightTime, tieBreak) > 0) best = r;
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.length(); i++) sb.append(l.get(i)).append('|');
            for (String c : columns) sb.append(best == null ? null : (Object) best.getAs(c)).append('|');
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    static List<String> rows(Dataset<Row> joined) {
        List<String> out = new ArrayList<>();
        for (Row r : joined.collectAsList()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length(); i++) sb.append(r.get(i)).append('|');
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    private static int compare(Row a, Row b, String time, String tieBreak) {
        int c = Long.compare(AsOfColumns.micros(a.getAs(time)), AsOfColumns.micros(b.getAs(time)));
        if (c != 0) return c;
        if (tieBreak != null) {
            c = compareTieBreak(a.getAs(tieBreak), b.getAs(tieBreak));
            if (c != 0) return c;
        }
        return Long.compare(a.<Long>getAs("__h"), b.<Long>getAs("__h"));
    }

    /**
     * The tie-break in its own type, as Spark orders values: null lowest; for floating point,
     * -0.0 equals 0.0 and NaN is above everything and equal to itself.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareTieBreak(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
        if (a instanceof Double x && b instanceof Double y) return x.doubleValue() == y.doubleValue() ? 0 : Double.compare(x, y);
        if (a instanceof Float x && b instanceof Float y) return x.floatValue() == y.floatValue() ? 0 : Float.compare(x, y);
        return ((Comparable) a).compareTo(b);
    }
}
