package com.alphaleak.training.data;

import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedLabelledRowsTest extends SharedSpark {
    private static final List<String> FEATURES = List.of("f0", "f1");

    private Dataset<Row> data() {
        return spark().range(2000).select(col("id").cast("string").as("id"), expr("timestamp_seconds(id % 97)").as("time"),
                expr("if(id % 5 = 0, 'validation', 'train')").as("split"), expr("cast(id % 7 = 0 as int)").as("a"),
                expr("if(id % 3 = 0, null, cast(id % 11 = 0 as int))").as("b"), expr("cast(id * 0.5 as double)").as("f0"),
                expr("if(id % 13 = 0, null, cast(id % 17 as double))").as("f1"));
    }

    @Test
    void targetsTrainedAtOnceShareOneCollectionAndTheRowsGoWhenTheLastTookItsMatrices() throws Exception {
        Dataset<Row> data = data();
        AtomicInteger collected = new AtomicInteger();
        SharedLabelledRows shared = new SharedLabelledRows(Set.of("a", "b", "finished"), () -> {
            collected.incrementAndGet();
            return LabelledRows.collect("t", data, FEATURES, List.of("a", "b"), "id", "time", "split");
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SplitMatrices> a = pool.submit(() -> shared.take("a"));
            Future<SplitMatrices> b = pool.submit(() -> shared.take("b"));
            assertSame(MatrixCollector.collect("t", data, FEATURES, "a", "id", "time", "split"), a.get());
            assertSame(MatrixCollector.collect("t", data, FEATURES, "b", "id", "time", "split"), b.get());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, collected.get(), "one collection for both targets");
        assertTrue(shared.holdsRows(), "a target that has not said it is done still holds the rows");
        shared.release("finished");
        assertFalse(shared.holdsRows(), "released once no target is pending");
        shared.release("finished");
        assertEquals(1, shared.collections());
    }

    private static void assertSame(SplitMatrices expected, SplitMatrices actual) {
        assertEquals(expected.train().rows(), actual.train().rows());
        assertArrayEquals(expected.train().values(), actual.train().values());
        assertArrayEquals(expected.train().labels(), actual.train().labels());
        assertArrayEquals(expected.validation().values(), actual.validation().values());
        assertArrayEquals(expected.validation().labels(), actual.validation().labels());
    }
}
