package com.alphaleak.sample;

import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.io.TableIO;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;

/**
 * Writes each generated table in contract column order after validating it against its
 * contract, records the row count (read back from the Delta log) and logs progress with the
 * elapsed time since generation started.
 */
final class TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SampleWorldGenerator.class);

    private final TableIO io;
    private final long startedNanos;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final String marker;
    private final Set<String> alreadyWritten;

    /**
     * @param marker         recorded in every commit ({@link ExistingTables})
     * @param alreadyWritten tables an earlier, interrupted generation with the same marker finished: kept as they are
     */
    TableWriter(SparkSession spark, long startedNanos, String marker, Set<String> alreadyWritten) {
        this.io = new TableIO(spark);
        this.startedNanos = startedNanos;
        this.marker = marker;
        this.alreadyWritten = Set.copyOf(alreadyWritten);
    }

    void write(TableContract contract, TableLocation location, Dataset<Row> data) {
        if (alreadyWritten.contains(location.name())) {
            long n = io.readRaw(location).count();
            rows.put(contract.name(), n);
            log(contract.name(), String.format("%,d rows already at %s (same sample settings), kept", n, location.describe()));
            return;
        }
        Dataset<Row> ordered = data.select(contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
        SchemaValidator.validate(ordered, contract);
        io.overwrite(ordered, location, marker);
        long n = io.readRaw(location).count();
        rows.put(contract.name(), n);
        log(contract.name(), String.format("%,d rows -> %s", n, location.describe()));
    }

    void log(String stage, String message) {
        LOG.info("generate-sample [{}] {} ({} ms)", stage, message, elapsedMillis());
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Rows per written table, in {@link Contracts#ALL} order. */
    Map<String, Long> rows() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        Contracts.ALL.keySet().stream().filter(rows::containsKey).forEach(name -> ordered.put(name, rows.get(name)));
        return ordered;
    }
}
