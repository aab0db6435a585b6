package com.alphaleak.io;

import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.Optional;

/**
 * Reads and writes tables named by a {@link TableLocation}. Reads validate the schema against the
 * table's contract. Writes replace the whole table in one Delta commit, so readers and a crash
 * mid-write see either the previous version or the new one, never a mix.
 */
public final class TableIO {
    private final SparkSession spark;

    public TableIO(SparkSession spark) {
        this.spark = spark;
    }

    /** Reads a table and checks it against its contract (missing columns, wrong types). */
    public Dataset<Row> read(TableLocation location, TableContract contract) {
        Dataset<Row> df = readRaw(location);
        SchemaValidator.validate(df, contract);
        return df;
    }

    public Dataset<Row> readRaw(TableLocation location) {
        if (location.isCatalogTable()) {
            return spark.table(location.table().get());
        }
        return spark.read().format(location.format().sparkName()).load(location.path().orElseThrow());
    }

    /** True when the table exists (a Delta log or any files at the path, or a catalog entry). */
    public boolean exists(TableLocation location) {
        if (location.isCatalogTable()) {
            return spark.catalog().tableExists(location.table().get());
        }
        String path = location.path().orElseThrow();
        return switch (location.format()) {
            case DELTA -> DeltaTable.isDeltaTable(spark, path);
            case PARQUET -> HadoopPaths.exists(spark, path);
        };
    }

    /** Current Delta version of a table, empty for parquet. Recorded in manifests for provenance. */
    public Optional<Long> deltaVersion(TableLocation location) {
        if (location.format() != com.alphaleak.config.TableFormat.DELTA || !exists(location)) {
            return Optional.empty();
        }
        DeltaTable t = location.isCatalogTable() ? DeltaTable.forName(spark, location.table().get())
                : DeltaTable.forPath(spark, location.path().get());
        Row last = t.history(1).select("version").head();
        return Optional.of(last.getLong(0));
    }

    /**
     * The {@code userMetadata} of a Delta table's latest commit (who wrote it and why, e.g. the
     * sample generator's fingerprint); empty for parquet, a missing table or a commit without one.
     */
    public Optional<String> lastCommitMetadata(TableLocation location) {
        if (location.format() != com.alphaleak.config.TableFormat.DELTA || !exists(location)) {
            return Optional.empty();
        }
        DeltaTable t = location.isCatalogTable() ? DeltaTable.forName(spark, location.table().get())
                : DeltaTable.forPath(spark, location.path().get());
        Row last = t.history(1).select("userMetadata").head();
        return last.isNullAt(0) ? Optional.empty() : Optional.of(last.getString(0));
    }

    /** Replaces the table's content atomically (Delta) or via a staged directory (parquet). */
    public void overwrite(Dataset<Row> data, TableLocation location) {
        overwrite(data, location, null);
    }

    /**
     * Replaces the table's content; on Delta the commit carries {@code userMetadata} (null: none),
     * readable with {@link #lastCommitMetadata}.
     */
    public void overwrite(Dataset<Row> data, TableLocation location, String userMetadata) {
        var writer = data.write().format(location.format().sparkName()).mode(SaveMode.Overwrite)
                .option("overwriteSchema", "true");
        if (userMetadata != null && location.format() == com.alphaleak.config.TableFormat.DELTA) {
            writer.option("userMetadata", userMetadata); // DataFrameWriter options mutate the writer
        }
        if (location.isCatalogTable()) {
            writer.saveAsTable(location.table().get());
        } else if (location.format() == com.alphaleak.config.TableFormat.DELTA) {
            writer.save(location.path().get());
        } else {
            HadoopPaths.writeStagedThenSwap(spark, location.path().get(), staged -> writer.save(staged));
        }
    }
}
