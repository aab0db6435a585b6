package com.alphaleak.sample;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;

/**
 * Turns raw snapshot rows ({@link RawSnapshots}) into contract rows with a table-wide increasing
 * {@code snapshot_id}: {@code second(known_at) * 2^20 + rank within that second}, the rank
 * ordered by (known_at, key, write sequence). So ids increase with known_at, and among rows of one
 * key with equal known_at the later write has the greater id. No global sort is needed (only a
 * shuffle by second), and ids do not depend on partitioning.
 */
final class SnapshotSequencer {
    private SnapshotSequencer() {}

    /** Writes per second must stay below this. */
    static final long PER_SECOND = 1L << 20;

    static Dataset<Row> finish(Dataset<Row> raw, TableContract contract) {
        String knownAt = contract.knownAtColumn().orElseThrow();
        String snapshotId = contract.tieBreakColumn().orElseThrow();
        List<Column> order = new ArrayList<>();
        order.add(col(RawSnapshots.KNOWN_AT));
        contract.keyColumns().forEach(k -> order.add(col(k)));
        order.add(col(RawSnapshots.WRITE_SEQ));
        Column second = floor(col(RawSnapshots.KNOWN_AT).divide(lit(WorldSpec.SECOND)));
        Dataset<Row> ranked = raw.withColumn("__second", second)
                .withColumn("__rank", row_number().over(Window.partitionBy(col("__second")).orderBy(order.toArray(Column[]::new))));
        List<Column> out = new ArrayList<>();
        for (ColumnSpec c : contract.columns()) {
            if (c.name().equals(knownAt)) {
                out.add(timestamp_micros(col(RawSnapshots.KNOWN_AT)).as(knownAt));
            } else if (c.name().equals(snapshotId)) {
                out.add(col("__second").cast("long").multiply(lit(PER_SECOND)).plus(col("__rank")).as(snapshotId));
            } else {
                out.add(col(c.name()).cast(c.type()).as(c.name()));
            }
        }
        return ranked.select(out.toArray(Column[]::new));
    }
}
