package com.alphaleak.features.join;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The as-of join's definition, literally: both sides collected to the driver, and for each left
 * row every right row is checked. Rows are rendered as strings and sorted, so two results compare
 * as multisets of whole rows.
 */
final class AsOfReference {
    private static final String HASH = "__ref_hash";

    private AsOfReference() {}

    /** What one join asks for; keys null for a keyless join, matchedTimeAs null for no matched time. */
    record Spec(String leftKey, String rightKey, String leftTime, String rightTime, String tieBreak, Duration maxAge,
                List<String> columns, String matchedTimeAs) {}

    static List<String> join(Dataset<Row> left, Dataset<Row> right, Spec s) {
        // Full ties go to the greater xxhash64 of the whole right row, as Spark computes it.
        Column[] all = Arrays.stream(right.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        List<Row> rights = right.withColumn(HASH, xxhash64(all)).collectAsList();
        List<String> out = new ArrayList<>();
        for (Row l : left.collectAsList()) {
            Row best = null;
            Object lk = s.leftKey() == null ? null : l.getAs(s.leftKey());
            Object lt = l.getAs(s.leftTime());
            if ((s.leftKey() == null || lk != null) && lt != null) {
                long t = AsOfColumns.micros(lt);
                for (Row r : rights) {
                    if (r.getAs(s.rightTime()) == null) continue;
                    if (s.leftKey() != null && !Objects.equals(lk, r.getAs(s.rightKey()))) continue;
                    long rt = AsOfColumns.micros(r.getAs(s.rightTime()));
                    if (rt > t) continue;
                    if (s.maxAge() != null && t - rt > s.maxAge().toNanos() / 1000) continue;
                    if (best == null || compare(r, best, s) > 0) best = r;
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.length(); i++) sb.append(l.get(i)).append('|');
            for (String c : s.columns()) sb.append(best == null ? null : (Object) best.getAs(c)).append('|');
            if (s.matchedTimeAs() != null) sb.append(best == null ? null : (Object) best.getAs(s.rightTime())).append('|');
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    /** A join's output in the same rendering. */
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

    /** Later time wins, then the greater tie-break (null lowest), then the greater hash. */
    private static int compare(Row a, Row b, Spec s) {
        int c = Long.compare(AsOfColumns.micros(a.getAs(s.rightTime())), AsOfColumns.micros(b.getAs(s.rightTime())));
        if (c != 0) return c;
        if (s.tieBreak() != null) {
            c = Long.compare(tieBreak(a.getAs(s.tieBreak())), tieBreak(b.getAs(s.tieBreak())));
            if (c != 0) return c;
        }
        return Long.compare(a.<Long>getAs(HASH), b.<Long>getAs(HASH));
    }

    private static long tieBreak(Object v) {
        return v == null ? Long.MIN_VALUE : ((Number) v).longValue();
    }
}
