package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Runs the per-key context derivations in Spark: the event stream is grouped by wallet (or
 * creator), each group is derived in time order by a broadcast deriver, and the pre-span
 * history rows of every wallet (creator) are added. Output rows are {@link RawSnapshots}.
 */
final class ContextDerivation {
    private final SparkSession spark;
    private final int partitions;

    ContextDerivation(SparkSession spark, int partitions) {
        this.spark = spark;
        this.partitions = partitions;
    }

    /** Derivation of one key's rows from its event rows. */
    interface PerKey extends Serializable {
        Iterator<Row> apply(int key, Iterator<Row> events);
    }

    /** The pre-span summary rows of one key. */
    interface History extends Serializable {
        List<Row> apply(int key);
    }

    /** Rows of a wallet table from the signal events ({@link WalletEntry#COLUMNS}) and each wallet's history. */
    Dataset<Row> perWallet(Dataset<Row> signalEvents, int wallets, TableContract contract, PerKey derive, History history) {
        int key = Arrays.asList(WalletEntry.COLUMNS).indexOf(SignalEvents.WALLET_INDEX);
        return derive(signalEvents.select(WalletEntry.columns()), key, contract, derive)
                .union(history(wallets, contract, history));
    }

    /** creator_stats rows from the token events and each creator's history. */
    Dataset<Row> perCreator(Dataset<Row> tokenEvents, int creators, PerKey derive, History history) {
        Column[] columns = Arrays.copyOf(CreatorStatsDeriver.columns(), CreatorStatsDeriver.COLUMNS.length + 1);
        columns[CreatorStatsDeriver.COLUMNS.length] = col(TokenEvents.CREATOR_INDEX);
        return derive(tokenEvents.select(columns), CreatorStatsDeriver.COLUMNS.length, Contracts.CREATOR_STATS, derive)
                .union(history(creators, Contracts.CREATOR_STATS, history));
    }

    private static Dataset<Row> derive(Dataset<Row> events, int keyColumn, TableContract contract, PerKey derive) {
        return events.groupByKey((MapFunction<Row, Integer>) r -> r.getInt(keyColumn), Encoders.INT())
                .flatMapGroups((FlatMapGroupsFunction<Integer, Row, Row>) derive::apply, Encoders.row(RawSnapshots.schema(contract)));
    }

    private Dataset<Row> history(int keys, TableContract contract, History history) {
        return spark.range(0, keys, 1, partitions).mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                out.addAll(history.apply(Math.toIntExact(ids.next())));
            }
            return out.iterator();
        }, Encoders.row(RawSnapshots.schema(contract)));
    }
}
