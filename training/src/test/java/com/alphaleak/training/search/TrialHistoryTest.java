package com.alphaleak.training.search;

import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialHistoryTest extends SharedSpark {

    private static List<TrialResult> trials(int n, double base) {
        List<TrialResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TrialResult(i, Map.of("num_leaves", 15 + i), TrialResult.Status.COMPLETE, base + i / 100.0, 10, 20,
                    5, "test", 1, null, null));
        }
        return out;
    }

    /** Trial numbers by run id, for (signal, reach_2x_1h). */
    private static Map<String, List<Integer>> byRun(TrialHistory h) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Row r : h.read().orderBy(col("run_id"), col("dataset"), col("target"), col("trial")).collectAsList()) {
            out.computeIfAbsent(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), k -> new ArrayList<>())
                    .add(r.getInt(3));
        }
        return out;
    }

    @Test
    void rewritingARunReplacesOnlyThatRunsRowsOfThatTarget() {
        TrialHistory h = new TrialHistory(spark(), path("trials"));
        h.write("run-a", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(3, 0.5));
        h.write("run-b", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(4, 0.6));
        h.write("run-a", "signal", "reach_2x_10m", "task-parallel", 3.0, trials(2, 0.4));

        h.write("run-a", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(2, 0.7));

        assertEquals(Map.of("run-a/signal/reach_2x_1h", List.of(0, 1), "run-a/signal/reach_2x_10m", List.of(0, 1),
                "run-b/signal/reach_2x_1h", List.of(0, 1, 2, 3)), byRun(h));
        assertEquals(0.7, h.read().where(col("run_id").equalTo("run-a").and(col("target").equalTo("reach_2x_1h"))
                .and(col("trial").equalTo(0))).first().getDouble(5), "the rewritten run's values replace the old ones");
    }

    @Test
    void aRunIdThatLooksLikeSqlIsJustData() {
        TrialHistory h = new TrialHistory(spark(), path("trials"));
        h.write("run-b", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(3, 0.6));
        h.write("other", "genesis", "reach_2x_1h", "task-parallel", 3.0, trials(1, 0.6));
        // What once was pasted into a replaceWhere string: quotes, a backslash, a comment.
        for (String hostile : List.of("../x y' OR 1=1 --", "o'brien", "x\\' OR 1=1 --")) {
            h.write(hostile, "signal", "reach_2x_1h", "task-parallel", 3.0, trials(2, 0.5));
            h.write(hostile, "signal", "reach_2x_1h", "task-parallel", 3.0, trials(1, 0.5));
        }
        Map<String, List<Integer>> rows = byRun(h);
        assertEquals(List.of(0, 1, 2), rows.get("run-b/signal/reach_2x_1h"), "other runs' trials survive");
        assertEquals(List.of(0), rows.get("other/genesis/reach_2x_1h"));
        assertEquals(List.of(0), rows.get("o'brien/signal/reach_2x_1h"), "a quote in a run id round-trips");
        assertEquals(List.of(0), rows.get("../x y' OR 1=1 --/signal/reach_2x_1h"));
        assertEquals(List.of(0), rows.get("x\\' OR 1=1 --/signal/reach_2x_1h"));
        assertEquals(5, rows.size());
    }

    @Test
    void aTableWrittenBeforePruningGainsThePrunedColumnAndKeepsItsRows() {
        String path = path("trials");
        TrialHistory h = new TrialHistory(spark(), path);
        // The table as written before pruned_at_step existed.
        org.apache.spark.sql.types.StructType old = new org.apache.spark.sql.types.StructType(
                java.util.Arrays.stream(TrialHistory.SCHEMA.fields()).filter(f -> !f.name().equals("pruned_at_step"))
                        .toArray(org.apache.spark.sql.types.StructField[]::new));
        spark().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("run-a", "signal", "reach_2x_1h", 0, "COMPLETE",
                0.5, 10, 20, 5L, "test", 1, null, "{}", "task-parallel", 3.0, java.sql.Timestamp.from(java.time.Instant.now()))), old)
                .write().format("delta").save(path);

        List<TrialResult> mine = new ArrayList<>(trials(1, 0.4));
        mine.add(new TrialResult(1, Map.of("num_leaves", 99), TrialResult.Status.PRUNED, 0.9, 3, 9, 5, "test", 1, null, null,
                9, List.of(0.9)));
        h.write("run-b", "signal", "reach_2x_1h", "task-parallel", 3.0, mine);

        Row pruned = h.read().where(col("run_id").equalTo("run-b").and(col("trial").equalTo(1))).first();
        assertEquals("PRUNED", pruned.getAs("status"));
        assertEquals(9, (int) pruned.getAs("pruned_at_step"));
        assertEquals(0.9, (double) pruned.getAs("value"), "a pruned trial keeps its best value so far");
        Row oldRow = h.read().where(col("run_id").equalTo("run-a")).first();
        assertTrue(oldRow.isNullAt(oldRow.fieldIndex("pruned_at_step")), "rows written before the column read null");
        assertEquals(Map.of("num_leaves", 15), h.previousBest("signal", "reach_2x_1h", "run-c").orElseThrow(),
                "the previous best is a complete trial, never a pruned one with a higher value");
    }

    @Test
    void aSearchWithoutTrialsRemovesThatSearchsRowsOnly() {
        TrialHistory h = new TrialHistory(spark(), path("trials"));
        h.write("run-a", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(2, 0.5));
        h.write("run-b", "signal", "reach_2x_1h", "task-parallel", 3.0, trials(2, 0.5));
        h.write("run-a", "signal", "reach_2x_1h", "task-parallel", 3.0, List.of());
        assertEquals(Map.of("run-b/signal/reach_2x_1h", List.of(0, 1)), byRun(h));
    }
}
