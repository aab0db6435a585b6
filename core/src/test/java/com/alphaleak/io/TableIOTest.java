package com.alphaleak.io;

import com.alphaleak.config.TableFormat;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableIOTest extends SharedSpark {
    private Dataset<Row> regime(int rows) {
        return spark().range(rows).select(col("id").cast("timestamp").as("known_at"), col("id").as("snapshot_id"),
                lit(1.0).as("token_creation_rate_1h"), lit(1.0).as("token_creation_rate_24h"), lit(1.0).as("token_creation_rate_7d"),
                lit(0.1).as("graduation_rate_2h"), lit(0.1).as("graduation_rate_24h"), lit(0.1).as("graduation_rate_7d"),
                lit(5.0).as("sol_volume_1h"), lit(50.0).as("sol_volume_24h"));
    }

    @Test
    void aDeltaTableIsReadCheckedAndVersioned() {
        TableIO io = new TableIO(spark());
        TableLocation at = TableLocation.ofPath("market-regime", path("regime"), TableFormat.DELTA);
        assertFalse(io.exists(at));
        io.overwrite(regime(5), at);
        io.overwrite(regime(7), at);
        assertEquals(7, io.read(at, Contracts.MARKET_REGIME).count());
        assertEquals(1L, io.deltaVersion(at).orElseThrow());
    }

    @Test
    void readingATableWithAMissingColumnNamesTableAndColumn() {
        TableIO io = new TableIO(spark());
        TableLocation at = TableLocation.ofPath("market-regime", path("regime"), TableFormat.DELTA);
        io.overwrite(regime(3).drop("sol_volume_24h"), at);
        DataContractException e = assertThrows(DataContractException.class, () -> io.read(at, Contracts.MARKET_REGIME));
        assertTrue(e.getMessage().contains("market_regime") && e.getMessage().contains("sol_volume_24h"), e.getMessage());
    }

    @Test
    void parquetTablesAreReplacedThroughAStagingDirectory() {
        TableIO io = new TableIO(spark());
        TableLocation at = TableLocation.ofPath("market-regime", path("regime-parquet"), TableFormat.PARQUET);
        io.overwrite(regime(4), at);
        io.overwrite(regime(6), at);
        assertEquals(6, io.read(at, Contracts.MARKET_REGIME).count());
        assertTrue(io.deltaVersion(at).isEmpty());
        assertEquals(List.of("regime-parquet"), java.util.Arrays.stream(tmp.toFile().list()).sorted().toList(), "no staging leftovers");
    }
}
