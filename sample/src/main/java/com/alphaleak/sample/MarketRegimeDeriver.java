package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;

/**
 * Derives market_regime: every 5 minutes, creation rates, graduation shares and SOL volume over
 * trailing windows, computed from 5-minute aggregates of the token stream (integer counts and
 * micro-SOL, so results never depend on Spark's summation order). Windows are clipped to the
 * span: early rates are averaged over the hours seen so far. Keyless; snapshot_id is the tick
 * number.
 */
final class MarketRegimeDeriver {
    static final long CADENCE = TokenEvents.VOLUME_BUCKET;
    private static final int PER_HOUR = (int) (WorldSpec.HOUR / CADENCE);

    private final WorldSpec spec;

    MarketRegimeDeriver(WorldSpec spec) {
        this.spec = spec;
    }

    Dataset<Row> derive(SparkSession spark, Dataset<Row> tokenEvents) {
        int buckets = (int) (spec.spanMicros() / CADENCE) + 1;
        long[] created = new long[buckets];
        long[] volume = new long[buckets];
        List<long[]> graduations = new ArrayList<>();
        for (Row r : tokenEvents.groupBy(bucketOf(TokenEvents.CREATED)).agg(count(lit(1))).collectAsList()) {
            created[clamp(r.getLong(0), buckets)] += r.getLong(1);
        }
        Dataset<Row> volumes = tokenEvents.select(posexplode(col(TokenEvents.VOLUME_BUCKETS)).as(new String[]{"i", "bucket"}),
                        col(TokenEvents.VOLUME_MICRO_SOL))
                .select(col("bucket"), expr(TokenEvents.VOLUME_MICRO_SOL + "[i]").as("v"));
        for (Row r : volumes.groupBy(col("bucket")).agg(sum(col("v"))).collectAsList()) {
            volume[clamp(r.getInt(0), buckets)] += r.getLong(1);
        }
        for (Row r : tokenEvents.filter(col(TokenEvents.GRADUATED_AT).isNotNull())
                .select(bucketOf(TokenEvents.CREATED), col(TokenEvents.GRADUATED_AT)).collectAsList()) {
            graduations.add(new long[]{r.getLong(0), r.getLong(1)});
        }
        long[] cumCreated = prefix(created);
        long[] cumVolume = prefix(volume);

        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, -1);
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k < buckets; k++) {
            long tick = spec.startMicros() + k * CADENCE;
            long knownAt = RawSnapshots.stamp(tick + (long) (r.uniform(10, 40) * WorldSpec.SECOND));
            if (knownAt > spec.nowMicros()) {
                break;
            }
            rows.add(RowFactory.create(knownAt, (long) k,
                    rate(cumCreated, k, PER_HOUR), rate(cumCreated, k, 24 * PER_HOUR), rate(cumCreated, k, 7 * 24 * PER_HOUR),
                    graduationShare(cumCreated, graduations, k, tick, 2 * PER_HOUR),
                    graduationShare(cumCreated, graduations, k, tick, 24 * PER_HOUR),
                    graduationShare(cumCreated, graduations, k, tick, 7 * 24 * PER_HOUR),
                    windowSum(cumVolume, k, PER_HOUR) / 1e6, windowSum(cumVolume, k, 24 * PER_HOUR) / 1e6));
        }
        StructType raw = DataTypes.createStructType(List.of(
                DataTypes.createStructField("known_at_us", DataTypes.LongType, false),
                DataTypes.createStructField("snapshot_id", DataTypes.LongType, false),
                DataTypes.createStructField("token_creation_rate_1h", DataTypes.DoubleType, true),
                DataTypes.createStructField("token_creation_rate_24h", DataTypes.DoubleType, true),
                DataTypes.createStructField("token_creation_rate_7d", DataTypes.DoubleType, true),
                DataTypes.createStructField("graduation_rate_2h", DataTypes.DoubleType, true),
                DataTypes.createStructField("graduation_rate_24h", DataTypes.DoubleType, true),
                DataTypes.createStructField("graduation_rate_7d", DataTypes.DoubleType, true),
                DataTypes.createStructField("sol_volume_1h", DataTypes.DoubleType, true),
                DataTypes.createStructField("sol_volume_24h", DataTypes.DoubleType, true)));
        return spark.createDataFrame(rows, raw)
                .withColumn("known_at", org.apache.spark.sql.functions.timestamp_micros(col("known_at_us")))
                .select(Contracts.MARKET_REGIME.columnNames().stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
    }

    private org.apache.spark.sql.Column bucketOf(String micros) {
        return floor(col(micros).minus(lit(spec.startMicros())).divide(lit(CADENCE))).cast("long");
    }

    private static int clamp(long bucket, int buckets) {
        return (int) Math.min(buckets - 1, Math.max(0, bucket));
    }

    private static long[] prefix(long[] values) {
        long[] p = new long[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            p[i + 1] = p[i] + values[i];
        }
        return p;
    }

    /** Sum over buckets [k - width, k) clipped at 0. */
    private static long windowSum(long[] prefix, int k, int width) {
        return prefix[k] - prefix[Math.max(0, k - width)];
    }

    /** Per hour over the window (clipped to the span seen so far). */
    private static double rate(long[] prefix, int k, int width) {
        int seen = Math.min(width, k);
        return windowSum(prefix, k, width) / (seen / (double) PER_HOUR);
    }

    /** Share of tokens created in the window that graduated by the tick; null when none were created. */
    private static Double graduationShare(long[] prefix, List<long[]> graduations, int k, long tick, int width) {
        long launched = windowSum(prefix, k, width);
        if (launched == 0) {
            return null;
        }
        int from = Math.max(0, k - width);
        long graduated = 0;
        for (long[] g : graduations) {
            if (g[0] >= from && g[0] < k && g[1] <= tick) {
                graduated++;
            }
        }
        return graduated / (double) launched;
    }
}
