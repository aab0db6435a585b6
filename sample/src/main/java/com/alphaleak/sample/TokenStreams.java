package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The Spark side of the token simulation: every token is simulated independently in the task
 * that holds its index, from the broadcast {@link TokenSimulator}. Each stream re-simulates the
 * tokens it needs (simulation is deterministic, so all streams describe the same tokens).
 */
final class TokenStreams {
    private final SparkSession spark;
    private final Broadcast<TokenSimulator> sim;
    private final int tokens;
    private final int partitions;

    TokenStreams(SparkSession spark, Broadcast<TokenSimulator> sim, int tokens, int partitions) {
        this.spark = spark;
        this.sim = sim;
        this.tokens = tokens;
        this.partitions = partitions;
    }

    /** One row per signal ({@link SignalEvents}). */
    Dataset<Row> signalEvents() {
        Broadcast<TokenSimulator> b = sim;
        return indices().mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            TokenSimulator s = b.value();
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                SignalEvents.rows(s.simulate(Math.toIntExact(ids.next())), s, out);
            }
            return out.iterator();
        }, Encoders.row(SignalEvents.SCHEMA));
    }

    /** One row per token ({@link TokenEvents}), with its genesis window. */
    Dataset<Row> tokenEvents() {
        Broadcast<TokenSimulator> b = sim;
        return indices().mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            TokenSimulator s = b.value();
            GenesisWindowBuilder genesis = new GenesisWindowBuilder(s);
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                TokenLife life = s.simulate(Math.toIntExact(ids.next()));
                out.add(TokenEvents.row(life, genesis.build(life), s));
            }
            return out.iterator();
        }, Encoders.row(TokenEvents.SCHEMA));
    }

    /** Raw token_state rows ({@link RawSnapshots}), before snapshot ids. */
    Dataset<Row> tokenState() {
        Broadcast<TokenSimulator> b = sim;
        TokenStateRows rows = new TokenStateRows();
        return indices().mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            TokenSimulator s = b.value();
            TokenStateBuilder builder = new TokenStateBuilder(s.spec);
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                TokenLife life = s.simulate(Math.toIntExact(ids.next()));
                rows.add(life, builder.build(life), out);
            }
            return out.iterator();
        }, Encoders.row(RawSnapshots.schema(Contracts.TOKEN_STATE)));
    }

    private Dataset<Long> indices() {
        return spark.range(0, tokens, 1, partitions);
    }
}
