package com.alphaleak.features.join;

import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
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
 *   <li>among candidates the latest right time wins, then the greatest tie-break value compared in
 *       the column's own type (numeric, date or timestamp; nulls lowest, NaN highest, as Spark
 *       orders them), then the greatest 64-bit hash of the right row's content, so even rows
 *       equal in time and tie-break resolve the same way on every run;</li>
 *   <li>all brought columns come from the winning row (never mixed); no candidate gives nulls;</li>
 *   <li>a null left key or time matches nothing; right rows with a null key or time are ignored;</li>
 *   <li>a join is keyed ({@link Builder#keys}) or declared keyless ({@link Builder#keyless});
 *       neither is an error, so a keyed table can never silently run as a time-only join. With
 *       a {@link Builder#contract contract}, keyed tables must be joined by their contract key and
 *       keyless ones must not be given keys.</li>
 * </ul>
 *
 * <pre>{@code
 * Dataset<Row> out = PointInTimeJoin.builder(signals, walletFeatures).contract(Contracts.WALLET_FEATURES)
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

    /** Default row count (right rows, or left rows) above which SORT_SCAN splits a key by time. */
    public static final long DEFAULT_HEAVY_KEY_ROWS = 20_000L;

    /** @param strategyUsed the strategy that computed {@code joined} (AUTO resolved) */
    public record Result(Dataset<Row> joined, Strategy strategyUsed) {}

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
        boolean keyless;
        TableContract contract;
        Dataset<Row> leftStats;

        private Builder(Dataset<Row> left, Dataset<Row> right) {
            this.left = Objects.requireNonNull(left, "left");
            this.right = Objects.requireNonNull(right, "right");
        }

        /** Equal keys match. Either this or {@link #keyless()} is required. */
        public Builder keys(String leftKey, String rightKey) {
            this.leftKey = leftKey;
            this.rightKey = rightKey;
            return this;
        }

        /**
         * The right table is global (one timeline, e.g. the market regime): every left row looks
         * at every right row. Must be said explicitly: a forgotten {@link #keys} would otherwise
         * join a keyed table by time alone and hand each event another entity's values.
         */
        public Builder keyless() {
            this.keyless = true;
            return this;
        }

        /**
         * The right table's contract: names the table in errors and declares whether it is keyed.
         * A keyed contract requires {@link #keys} with its key column on the right; a keyless
         * one refuses keys.
         */
        public Builder contract(TableContract contract) {
            this.contract = Objects.requireNonNull(contract, "contract");
            return this;
        }

        /** Both columns must be TimestampType. */
        public Builder times(String leftTime, String rightTime) {
            this.leftTime = leftTime;
            this.rightTime = rightTime;
            return this;
        }

        /**
         * Right column whose greater value wins among rows of equal key and right time. Compared
         * in its own type: numeric (integral, floating point, decimal), date or timestamp; other
         * types are refused (strings would compare "10" below "9").
         */
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

        /**
         * SORT_SCAN: one fixed width of a time bucket for every split key. Default: per key, from
         * quantiles of that key's own times (see {@link SortScanAsOf}), which outlier times
         * cannot widen.
         */
        public Builder bucketWidth(Duration width) {
            if (width != null && (width.isNegative() || width.isZero())) throw new IllegalArgumentException("bucket width must be positive");
            this.bucketWidth = width;
            return this;
        }

        /**
         * SORT_SCAN: keys with more right rows, or more left rows, than this are split by time
         * (default {@value #DEFAULT_HEAVY_KEY_ROWS}); left rows are counted on {@link #leftStatsFrom} when given.
         */
        public Builder heavyKeyRows(long rows) {
            this.heavyKeyRows = rows;
            return this;
        }

        /** SORT_SCAN: split these keys by time too (e.g. keys heavy on the left side, counted by the caller). */
        public Builder heavyKeys(java.util.Collection<?> keys) {
            this.heavyKeys = List.copyOf(keys);
            return this;
        }

        /**
         * SORT_SCAN: count and measure the left side's keys on these rows instead of on left. They
         * must hold left's key and time columns with the same rows (e.g. the events before earlier
         * joins added columns to them): planning the buckets then costs a scan of them rather
         * than a recomputation of left when left is the lazy output of other joins.
         */
        public Builder leftStatsFrom(Dataset<Row> rows) {
            this.leftStats = Objects.requireNonNull(rows, "rows");
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

        /** How errors name the right table. */
        String table() {
            return contract == null ? "the right table" : "table '" + contract.name() + "'";
        }

        private void validate() {
            if (leftTime == null || rightTime == null) throw new IllegalArgumentException("times(leftTime, rightTime) is required");
            if ((leftKey == null) != (rightKey == null)) throw new IllegalArgumentException("give both keys or neither");
            validateKeying();
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
            if (tieBreak != null) {
                require(rs, tieBreak, "right");
                DataType t = rs.apply(tieBreak).dataType();
                // Compared as it is (never cast): a cast to an integer made 1.9 and 1.2 equal and
                // let the row hash pick the winner.
                if (!(t instanceof NumericType || t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType)) {
                    throw new IllegalArgumentException("tie-break column '" + tieBreak + "' of " + table() + " is " + t.simpleString()
                            + "; it must be numeric, date or timestamp (the greater value wins, compared in the column's own type)");
                }
            }
            if (leftStats != null && keyed()) {
                require(leftStats.schema(), leftKey, "leftStatsFrom");
                require(leftStats.schema(), leftTime, "leftStatsFrom");
            }
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

        /** Keyed or keyless, said explicitly, and as the contract declares. */
        private void validateKeying() {
            if (keyed() && keyless) throw new IllegalArgumentException("keys(...) and keyless() both given for " + table());
            if (contract != null) {
                List<String> declared = contract.keyColumns();
                if (!declared.isEmpty() && !keyed()) {
                    throw new IllegalArgumentException(table() + " is keyed by " + declared + " (its contract); give keys(leftKey, \""
                            + declared.get(0) + "\"): without them every event would take another entity's latest row");
                }
                if (declared.isEmpty() && keyed()) {
                    throw new IllegalArgumentException(table() + " has no key in its contract (one global timeline); use keyless(), not keys(\""
                            + leftKey + "\", \"" + rightKey + "\")");
                }
                if (keyed() && declared.size() > 1) {
                    throw new IllegalArgumentException(table() + " is keyed by " + declared + "; a point-in-time join matches one key column");
                }
                if (keyed() && !declared.contains(rightKey)) {
                    throw new IllegalArgumentException("right key '" + rightKey + "' is not the key of " + table() + "; its contract declares " + declared);
                }
            }
            if (!keyed() && !keyless) {
                throw new IllegalArgumentException("no keys given for " + table() + ": call keys(leftKey, rightKey) for a keyed table, "
                        + "or keyless() for a global one (a missing key list is never taken as a time-only join)");
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
