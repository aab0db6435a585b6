package com.alphaleak.ingest;

import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * Reference for change snapshots, computed from the generator's full history rather than from the
 * live tables: at each capture instant, each key's latest generated row known by then, stamped
 * with the capture instant, kept when its contract values differ from that key's row at the
 * previous capture. What a capture every listed instant can know, by definition.
 */
final class AlignedCaptures {
    private AlignedCaptures() {}

    static Dataset<Row> of(Dataset<Row> history, TableContract contract, List<Instant> captures) {
        String knownAt = contract.knownAtColumn().orElseThrow();
        String tieBreak = contract.tieBreakColumn().orElseThrow();
        Column[] keys = contract.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new);
        Column[] values = contract.valueColumns().stream().map(c -> col(c.name())).toArray(Column[]::new);
        Dataset<Row> all = null;
        for (Instant c : captures) {
            Dataset<Row> latest = history.filter(col(knownAt).leq(lit(Timestamp.from(c))))
                    .withColumn("rank", row_number().over(Window.partitionBy(keys).orderBy(col(knownAt).desc(), col(tieBreak).desc())))
                    .filter(col("rank").equalTo(1)).drop("rank")
                    .withColumn(knownAt, lit(Timestamp.from(c)))
                    .withColumn(tieBreak, lit(ChronoUnit.MICROS.between(Instant.EPOCH, c)));
            all = all == null ? latest : all.unionByName(latest);
        }
        Column content = to_json(struct(values));
        return all.withColumn("content", content)
                .withColumn("previous", lag(col("content"), 1).over(Window.partitionBy(keys).orderBy(col(knownAt))))
                .filter(col("previous").isNull().or(col("previous").notEqual(col("content"))))
                .select(contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
    }
}
