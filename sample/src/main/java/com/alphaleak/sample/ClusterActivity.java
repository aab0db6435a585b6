package com.alphaleak.sample;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Hourly activity of the co-occurrence graph's wallet clusters: entries per hour and the
 * cumulative share of observed entries that reached 2x in 1 h. Aggregated in Spark (integer
 * counts, so the result never depends on summation order), held on the driver and broadcast.
 */
final class ClusterActivity implements Serializable {
    private static final long serialVersionUID = 1L;

    final int[] size;
    private final int hours;
    private final int[][] entries;
    private final int[][] cumulativeObserved;
    private final int[][] cumulativeWins;

    private ClusterActivity(int clusters, int hours) {
        this.hours = hours;
        size = new int[clusters];
        entries = new int[clusters][hours];
        cumulativeObserved = new int[clusters][hours];
        cumulativeWins = new int[clusters][hours];
    }

    static ClusterActivity of(Dataset<Row> signalEvents, WorldSpec spec, WalletPopulation wallets) {
        int hours = (int) (spec.spanMicros() / WorldSpec.HOUR) + 2;
        ClusterActivity a = new ClusterActivity(wallets.clusterCount, hours);
        for (int w = 0; w < wallets.size; w++) {
            a.size[wallets.detectedCluster[w]]++;
        }
        for (Row r : signalEvents.groupBy(col(SignalEvents.CLUSTER), hourOf(SignalEvents.SIGNAL_TIME, spec))
                .agg(count(lit(1))).collectAsList()) {
            a.entries[r.getInt(0)][a.clamp(r.getLong(1))] += (int) r.getLong(2);
        }
        for (Row r : signalEvents.filter(col("observed_at_1h_us").isNotNull())
                .groupBy(col(SignalEvents.CLUSTER), hourOf("observed_at_1h_us", spec))
                .agg(count(lit(1)), sum(when(col("peak_multiple_1h").geq(2.0), 1L).otherwise(0L))).collectAsList()) {
            int c = r.getInt(0);
            int h = a.clamp(r.getLong(1));
            a.cumulativeObserved[c][h] += (int) r.getLong(2);
            a.cumulativeWins[c][h] += (int) r.getLong(3);
        }
        for (int c = 0; c < a.size.length; c++) {
            for (int h = 1; h < hours; h++) {
                a.cumulativeObserved[c][h] += a.cumulativeObserved[c][h - 1];
                a.cumulativeWins[c][h] += a.cumulativeWins[c][h - 1];
            }
        }
        return a;
    }

    private static org.apache.spark.sql.Column hourOf(String micros, WorldSpec spec) {
        return floor(col(micros).minus(lit(spec.startMicros())).divide(lit(WorldSpec.HOUR))).cast("long");
    }

    private int clamp(long hour) {
        return (int) Math.min(hours - 1, Math.max(0, hour));
    }

    /** Entries of the cluster in the hour ending at {@code hour} (hours since the span start). */
    int entriesInHourBefore(int cluster, int hour) {
        return hour <= 0 ? 0 : entries[cluster][clamp(hour - 1)];
    }

    /** Share of the cluster's entries observed before the hour boundary that reached 2x; null when none. */
    Double hitRateBefore(int cluster, int hour) {
        if (hour <= 0) {
            return null;
        }
        int h = clamp(hour - 1);
        int n = cumulativeObserved[cluster][h];
        return n == 0 ? null : cumulativeWins[cluster][h] / (double) n;
    }
}
