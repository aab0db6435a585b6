package com.alphaleak.ingest;

import com.alphaleak.config.TableFormat;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.io.TableIO;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;

/**
 * One Delta input table as ingest writes it: every write is a single Delta commit carrying its
 * {@link IngestMarker}, and the last marker is read back from the table's history.
 */
final class DeltaTarget {
    /** Delta's session setting for the userMetadata of commits that take no writer option (MERGE). */
    private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
    /** Held while the session carries a MERGE's commit metadata. */
    private static final Object COMMIT_METADATA_LOCK = new Object();

    /** Commits looked at before the whole history is read. */
    private static final int RECENT = 20;

    private final SparkSession spark;
    private final TableLocation location;
    private final TableIO io;

    DeltaTarget(SparkSession spark, TableLocation location) {
        if (location.format() != TableFormat.DELTA) {
            // Parquet has no atomic append with metadata: the watermark could not be committed with the rows.
            throw new DataContractException(location.name(), List.of("ingest writes Delta tables only; "
                    + "tables." + location.name() + ".format is " + location.format().configName()));
        }
        this.spark = spark;
        this.location = location;
        this.io = new TableIO(spark);
    }

    boolean exists() {
        return io.exists(location);
    }

    Dataset<Row> read() {
        return io.readRaw(location);
    }

    /**
     * The newest ingest marker of {@code source}; empty for a table that does not exist yet.
     *
     * @throws DataContractException when the table exists but was not written by this source's ingest
     *                               (appending to it would mix two histories)
     */
    Optional<IngestMarker> lastMarker(String source) {
        if (!exists()) return Optional.empty();
        // The newest commits first: normally the latest one is this source's (one source per table);
        // the whole log is read only when maintenance commits (OPTIMIZE, VACUUM) came in between.
        for (Dataset<Row> history : List.of(table().history(RECENT), table().history())) {
            List<Row> commits = history.select(col("version"), col("userMetadata")).orderBy(col("version").desc()).collectAsList();
            for (Row r : commits) {
                Optional<IngestMarker> m = IngestMarker.parse(r.isNullAt(1) ? null : r.getString(1));
                if (m.isPresent() && source.equals(m.get().source())) return m;
            }
        }
        throw new DataContractException(location.name(), List.of(location.describe()
                + " exists but holds no commit of ingest source '" + source + "' (written by something else: another "
                + "source, or generate-sample); ingest only appends to tables it created"));
    }

    /** Appends rows in one commit that carries the marker. */
    void append(Dataset<Row> rows, IngestMarker marker) {
        var writer = rows.write().format("delta").mode(SaveMode.Append).option("userMetadata", marker.encode());
        if (location.isCatalogTable()) writer.saveAsTable(location.table().get());
        else writer.save(location.path().get());
    }

    /** Replaces rows of the same identity and inserts the others, in one MERGE commit carrying the marker. */
    void upsert(Dataset<Row> rows, List<String> identity, IngestMarker marker) {
        if (!exists()) {
            append(rows, marker);
            return;
        }
        String on = identity.stream().map(c -> "t.`" + c + "` = s.`" + c + "`").collect(Collectors.joining(" AND "));
        // MERGE takes no writer options; the session setting is the documented way to label its commit.
        // The setting is the session's, and sources are ingested in parallel: one labelled MERGE at a
        // time, or another thread's MERGE could commit under this marker (appends pass the option,
        // which Delta prefers to the session setting).
        synchronized (COMMIT_METADATA_LOCK) {
            spark.conf().set(COMMIT_METADATA, marker.encode());
            try {
                table().as("t").merge(rows.as("s"), on).whenMatched().updateAll().whenNotMatched().insertAll().execute();
            } finally {
                spark.conf().unset(COMMIT_METADATA);
            }
        }
    }

    private DeltaTable table() {
        return location.isCatalogTable() ? DeltaTable.forName(spark, location.table().get())
                : DeltaTable.forPath(spark, location.path().get());
    }
}
