package com.alphaleak.features.join;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * As-of join of a context table onto events: for every left row, the single right row with an
 * equal key whose right time is at or before the left time.
 *
 * <p>Semantics, whatever the strategy:
 * <ul>
 *   <li>every left row is kept once, duplicates included, with its columns unchanged and first;
 *       the requested right columns follow in the order given, then the optional matched time;</li>
 *   <li>candidates: equal key, {@code rightTime <= leftTime} (inclusive) and, with a max age,
 *       {@code leftTime - rightTime <= maxAge} (inclusive); times are compared in microseconds;</li>
 *   <li>among candidates the latest right time wins, then the greatest tie-break value (nulls
 *       lowest), then the greatest 64-bit hash of the right row's content, so even rows equal in
 *       time and tie-break resolve the same way on every run;</li>
 *   <li>all brought columns come from the winning row (never mixed); no candidate gives nulls;</li>
 *   <li>a null left key or time matches nothing; right rows with a null key or time are ignored.</li>
 * </ul>
 *
 * <pre>{@code
 * Dataset<Row> out = PointInTimeJoin.builder(signals, walletFeatures)
 *     .keys("wallet", "wallet").times("signal_time", "known_at").tieBreak("snapshot_id")
 *     .maxAge(Duration.ofHours(6)).columns(List.of("tokens_traded", "is_bot"))
 *     .execute().joined();
 * }</pre>
 */
public final class PointInTimeJoin {
    /** How the join is computed; all give the same rows. */
    public enum Strategy {
        /** Keyless tables: {@link #BROADCAST_SEARCH}; keyed: {@link #SORT_SCAN}. */
        AUTO,
        /** Keyed, skew-safe: rows partitioned by (key, time bucket), sorted once and scanned; see {@link SortScanAsOf}. */
        SORT_SCAN,
        /** Keyless: the right table sorted on the driver, broadcast, binary-searched per left row; see {@link BroadcastAsOf}. */
        BROADCAST_SEARCH,
        /** Baseline for benchmarks: one window over each whole key (a hot key is one task). */
        NAIVE_WINDOW
    }

    /** Default largest keyless right table that is broadcast (rows). */
    public static final long DEFAULT_BROADCAST_LIMIT = 2_000_000L;

    /** Default right-row count above which SORT_SCAN splits a key by time. */
    public static final long DEFAULT_HEAVY_KEY_ROWS = 20_000L;

    /** @param strategyUsed the strategy that computed {@code joined} (AUTO resolved) */
    public record Result(Dataset<Row> joined, Strategy strategyUsed) {}

    /**
     * The bucket width SORT_SCAN uses when none is given: the left time range over
     * {@value SortScanAsOf#TARGET_BUCKETS} buckets, at least one minute. Costs one pass over
     * {@code left}; compute it once when several joins share the same events.
     */
    public static Duration defaultBucketWidth(Dataset<Row> left, String leftTime) {
        return Duration.ofNanos(SortScanAsOf.defaultWidthMicros(left, leftTime) * 1000);
    }

    public static Builder builder(Dataset<Row> left, Dataset<Row> right) {
        return new Builder(left, right);
    }

    /** Options of one join; {@link #execute()} validates them. */
    public static final class Builder {
        final Dataset<Row> left;
        final Dataset<Row> right;
        String leftKey;
        String rightKey;
        String leftTime;
        String rightTime;
        String tieBreak;
        Duration maxAge;
        List<String> columns = List.of();
        String matchedTimeAs;
        Strategy strategy = Strategy.AUTO;
        Duration bucketWidth;
        long broadcastLimit = DEFAULT_BROADCAST_LIMIT;
        long heavyKeyRows = DEFAULT_HEAVY_KEY_ROWS;
        List<Object> heavyKeys = List.of();

        private Builder(Dataset<Row> left, Dataset<Row> right) {
            this.left = Objects.requireNonNull(left, "left");
            this.right = Objects.requireNonNull(right, "right");
        }

        /** Equal keys match; omit for keyless (global) tables. */
        public Builder keys(String leftKey, String rightKey) {
            this.leftKey = leftKey;
            this.rightKey = rightKey;
            return this;
        }

        /** Both columns must be TimestampType. */
        public Builder times(String leftTime, String rightTime) {
            this.leftTime = leftTime;
            this.rightTime = rightTime;
            return this;
        }

        /** Numeric right column; the greater wins among rows of equal right time. */
        public Builder tieBreak(String rightColumn) {
            this.tieBreak = rightColumn;
            return this;
        }

        /** Inclusive; null = unbounded (the default). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge != null && maxAge.isNegative()) throw new IllegalArgumentException("max age must not be negative: " + maxAge);
            this.maxAge = maxAge;
            return this;
        }

        /** Right columns to bring, in this order. */
        public Builder columns(List<String> rightColumns) {
            this.columns = List.copyOf(rightColumns);
            return this;
        }

        /** Also output the winning row's right time under this name (null without a match). */
        public Builder matchedTimeAs(String outputColumn) {
            this.matchedTimeAs = outputColumn;
            return this;
        }

        public Builder strategy(Strategy strategy) {
            this.strategy = Objects.requireNonNull(strategy);
            return this;
        }

        /** SORT_SCAN: width of a time bucket; default derived from the left time range. */
        public Builder bucketWidth(Duration width) {
            if (width != null && (width.isNegative() || width.isZero())) throw new IllegalArgumentException("bucket width must be positive");
            this.bucketWidth = width;
            return this;
        }

        /** SORT_SCAN: keys with more right rows than this are split by time (default {@value #DEFAULT_HEAVY_KEY_ROWS}). */
        public Builder heavyKeyRows(long rows) {
            this.heavyKeyRows = rows;
            return this;
        }

        /** SORT_SCAN: split these keys by time too (e.g. keys heavy on the left side, counted by the caller). */
        public Builder heavyKeys(java.util.Collection<?> keys) {
            this.heavyKeys = List.copyOf(keys);
            return this;
        }

        /** BROADCAST_SEARCH: refuse right tables with more rows than this. */
        public Builder broadcastLimit(long rows) {
            this.broadcastLimit = rows;
            return this;
        }

        boolean keyed() {
            return leftKey != null;
        }

        long maxAgeMicros() {
            return maxAge == null ? -1 : maxAge.toNanos() / 1000;
        }

        public Result execute() {
            validate();
            Strategy s = strategy;
            if (s == Strategy.AUTO) s = keyed() ? Strategy.SORT_SCAN : Strategy.BROADCAST_SEARCH;
            if (s == Strategy.SORT_SCAN && !keyed()) throw new IllegalArgumentException("SORT_SCAN needs keys; use BROADCAST_SEARCH for keyless tables");
            if (s == Strategy.BROADCAST_SEARCH && keyed()) throw new IllegalArgumentException("BROADCAST_SEARCH is for keyless tables");
            Dataset<Row> joined = switch (s) {
                case SORT_SCAN -> new SortScanAsOf(this).join();
                case BROADCAST_SEARCH -> new BroadcastAsOf(this).join();
                case NAIVE_WINDOW -> new NaiveWindowAsOf(this).join();
                case AUTO -> throw new IllegalStateException();
            };
            return new Result(joined, s);
        }

        private void validate() {
            if (leftTime == null || rightTime == null) throw new IllegalArgumentException("times(leftTime, rightTime) is required");
            if ((leftKey == null) != (rightKey == null)) throw new IllegalArgumentException("give both keys or neither");
            StructType ls = left.schema();
            StructType rs = right.schema();
            require(ls, leftTime, "left");
            require(rs, rightTime, "right");
            if (!ls.apply(leftTime).dataType().equals(DataTypes.TimestampType)) {
                throw new IllegalArgumentException("left time '" + leftTime + "' must be timestamp, is " + ls.apply(leftTime).dataType().simpleString());
            }
            if (!rs.apply(rightTime).dataType().equals(DataTypes.TimestampType)) {
                throw new IllegalArgumentException("right time '" + rightTime + "' must be timestamp, is " + rs.apply(rightTime).dataType().simpleString());
            }
            if (keyed()) {
                require(ls, leftKey, "left");
                require(rs, rightKey, "right");
                if (!ls.apply(leftKey).dataType().equals(rs.apply(rightKey).dataType())) {
                    throw new IllegalArgumentException("key types differ: left '" + leftKey + "' is " + ls.apply(leftKey).dataType().simpleString()
                            + ", right '" + rightKey + "' is " + rs.apply(rightKey).dataType().simpleString());
                }
            }
            if (tieBreak != null) require(rs, tieBreak, "right");
            Set<String> leftNames = new HashSet<>(Arrays.asList(ls.fieldNames()));
            List<String> out = new ArrayList<>(columns);
            if (matchedTimeAs != null) out.add(matchedTimeAs);
            Set<String> seen = new HashSet<>();
            for (String c : columns) require(rs, c, "right");
            for (String c : out) {
                if (leftNames.contains(c)) throw new IllegalArgumentException("output column '" + c + "' already exists on the left side");
                if (!seen.add(c)) throw new IllegalArgumentException("output column '" + c + "' requested twice");
                if (c.startsWith(AsOfColumns.PREFIX)) throw new IllegalArgumentException("column names starting with " + AsOfColumns.PREFIX + " are reserved");
            }
            for (String c : ls.fieldNames()) {
                if (c.startsWith(AsOfColumns.PREFIX)) throw new IllegalArgumentException("column names starting with " + AsOfColumns.PREFIX + " are reserved");
            }
        }

        private static void require(StructType schema, String column, String side) {
            if (!Arrays.asList(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException(side + " side has no column '" + column + "'; it has " + Arrays.toString(schema.fieldNames()));
            }
        }

        /** Output schema: left fields, the brought right fields (nullable), the matched time. */
        StructType outputSchema() {
            List<StructField> fields = new ArrayList<>(Arrays.asList(left.schema().fields()));
            for (String c : columns) {
                StructField f = right.schema().apply(c);
                fields.add(new StructField(c, f.dataType(), true, f.metadata()));
            }
            if (matchedTimeAs != null) fields.add(new StructField(matchedTimeAs, DataTypes.TimestampType, true, org.apache.spark.sql.types.Metadata.empty()));
            return new StructType(fields.toArray(StructField[]::new));
        }
    }
}
