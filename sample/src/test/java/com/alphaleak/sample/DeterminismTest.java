package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed and settings give identical tables, however Spark partitions the work; another seed does not. */
class DeterminismTest extends SharedSpark {
    private static final AlphaLeakConfig.Sample SAMPLE = SampleTables.sample(1200, 3, 300, 100);

    @Test
    void sameSeedGivesIdenticalTablesRegardlessOfPartitioning() {
        Map<String, String> first = fingerprints(generate("a", 7, 2));
        // Different task and shuffle partitioning must not change a single value.
        String shuffle = spark().conf().get("spark.sql.shuffle.partitions");
        Map<String, String> second;
        try {
            spark().conf().set("spark.sql.shuffle.partitions", "7");
            second = fingerprints(generate("b", 7, 5));
        } finally {
            spark().conf().set("spark.sql.shuffle.partitions", shuffle);
        }
        Map<String, String> other = fingerprints(generate("c", 8, 2));
        assertEquals(first, second);
        for (String table : first.keySet()) {
            assertNotEquals(first.get(table), other.get(table), table + " does not depend on the seed");
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheSettingName() {
        AlphaLeakConfig.Sample bad = new AlphaLeakConfig.Sample(1000, 3, SampleTables.START, 1.5, 0.01, 300, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleWorldGenerator.builder(spark())
                .sample(bad).seed(1).tables(SampleTables.under(tmp)).execute());
        assertTrue(e.getMessage().contains("regime-shift-at"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SampleWorldGenerator.builder(spark()).seed(1).execute());
    }

    private AlphaLeakConfig.Tables generate(String name, long seed, int partitions) {
        AlphaLeakConfig.Tables tables = SampleTables.under(tmp.resolve(name));
        SampleWorldGenerator.builder(spark()).sample(SAMPLE).seed(seed).partitions(partitions).tables(tables).execute();
        return tables;
    }

    /** Row count and an order-independent sum of row hashes, per table. */
    private static Map<String, String> fingerprints(AlphaLeakConfig.Tables tables) {
        TableIO io = new TableIO(spark());
        Map<String, String> out = new LinkedHashMap<>();
        List<TableLocation> locations = tables.all();
        int i = 0;
        for (String table : Contracts.ALL.keySet()) {
            Dataset<Row> d = io.readRaw(locations.get(i++));
            Column hash = xxhash64(d.columns().length == 0 ? new Column[0]
                    : java.util.Arrays.stream(d.columns()).map(c -> col(c)).toArray(Column[]::new));
            Row r = d.agg(count(lit(1)), sum(hash.cast("decimal(38,0)"))).first();
            out.put(table, r.getLong(0) + ":" + r.get(1));
        }
        return out;
    }
}
