package com.alphaleak.labels;

import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

/** Builds Spark frames from test rows. Every column is nullable so tests can feed bad rows. */
abstract class LabelFrames extends SharedSpark {

    static Dataset<Row> events(LabelSource source, List<Event> events) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField(source.idColumn(), DataTypes.StringType, true),
                DataTypes.createStructField(source.timeColumn(), DataTypes.TimestampType, true),
                DataTypes.createStructField("wallet", DataTypes.StringType, true)));
        List<Row> rows = events.stream().map(e -> RowFactory.create(e.id(),
                e.time() == null ? null : Timestamp.from(e.time()), e.wallet())).toList();
        return spark().createDataFrame(rows, schema);
    }

    static Dataset<Row> outcomes(LabelSource source, List<Outcome> outcomes) {
        StructType contract = source.outcomes().schema();
        StructType schema = DataTypes.createStructType(Arrays.stream(contract.fields())
                .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true)).toArray(StructField[]::new));
        return spark().createDataFrame(outcomes.stream().map(Outcome::toRow).toList(), schema);
    }
}
