package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static com.alphaleak.features.dataset.Frames.row;
import static com.alphaleak.features.dataset.SignalWorld.at;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadInputTest extends SharedSpark {
    private final Frames frames = new Frames(spark());

    private SignalWorld world() {
        SignalWorld w = new SignalWorld(frames);
        for (int i = 0; i < 10; i++) w.signal("s" + i, "w1", 10 * i, 1.5);
        return w;
    }

    private static void assertRejected(Executable build, String... fragments) {
        DataContractException e = assertThrows(DataContractException.class, build);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }

    @Test
    void nullSignalTimeIsRejectedNamingTableColumnAndRows() {
        SignalWorld w = world();
        w.signals.get(3).put("signal_time", null);
        w.signals.get(5).put("signal_time", null);
        assertRejected(() -> w.builder().execute(), "signals", "signal_time", "2 row(s)", "s3");
    }

    @Test
    void duplicateSignalIdsWithDifferentContentAreRejected() {
        SignalWorld w = world();
        w.signals.get(4).put("signal_id", "s2");
        w.outcomes.remove(4);
        assertRejected(() -> w.builder().execute(), "signals", "signal_id", "s2");
    }

    @Test
    void outcomesDatedBeforeTheirSignalAreRejected() {
        SignalWorld w = world();
        w.outcomes.get(6).put("observed_at_1h", at(0));
        assertRejected(() -> w.builder().execute(), "outcomes", "observed_at_1h", "s6");
    }

    @Test
    void missingColumnIsRejectedNamingIt() {
        SignalWorld w = world();
        Dataset<Row> noTime = w.signalFrame().drop("signal_time");
        assertRejected(() -> w.builder().events(noTime).execute(), "signals", "signal_time");
    }

    @Test
    void wrongTypeIsRejectedNamingColumnAndTypes() {
        SignalWorld w = world();
        Dataset<Row> stringTimes = w.signalFrame().withColumn("signal_time", col("signal_time").cast("string"));
        assertRejected(() -> w.builder().events(stringTimes).execute(), "signals", "signal_time", "string");
    }

    @Test
    void contextRowsWithoutKnownAtAreRejected() {
        SignalWorld w = world().context(Contracts.CREATOR_STATS, row("creator", "cre-w1", "known_at", null, "snapshot_id", 1L));
        assertRejected(() -> w.builder().execute(), "creator_stats", "known_at", "cre-w1");
    }

    @Test
    void contextTableWithoutItsKeyColumnIsRejected() {
        SignalWorld w = world();
        Dataset<Row> graph = frames.empty(Contracts.GRAPH_SCORES).drop("wallet").withColumn("extra", lit(1));
        assertRejected(() -> w.builder().context(Contracts.GRAPH_SCORES, graph, java.util.Optional.empty()).execute(),
                "graph_scores", "wallet");
    }
}
