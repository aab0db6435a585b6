package com.alphaleak.ingest;

import com.alphaleak.contracts.ColumnSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

/**
 * Brings a batch read from the live database to its contract's types and checks what the contract
 * demands of rows: types (only lossless widenings such as integer to double or bigint, and numeric to
 * double, are applied; anything else is a violation), no nulls in required columns, and no
 * repeated identity within the batch. Each problem names the column, the count and up to five
 * example keys; the caller turns them into one {@link com.alphaleak.contracts.DataContractException}.
 */
final class BatchConformance {
    static final int EXAMPLES = 5;

    private BatchConformance() {}

    /** The batch with exactly the given columns in contract order and types, or the type problems. */
    static Dataset<Row> conform(Dataset<Row> batch, List<ColumnSpec> columns, List<String> problems) {
        List<Column> out = new ArrayList<>();
        for (ColumnSpec spec : columns) {
            Optional<StructField> f = Arrays.stream(batch.schema().fields()).filter(x -> x.name().equals(spec.name())).findFirst();
            if (f.isEmpty()) {
                problems.add("missing column '" + spec.name() + "'");
                continue;
            }
            DataType actual = f.get().dataType();
            if (actual.equals(spec.type())) {
                out.add(col(spec.name()));
            } else if (widens(actual, spec.type())) {
                out.add(col(spec.name()).cast(spec.type()).as(spec.name()));
            } else {
                problems.add("column '" + spec.name() + "' is " + actual.simpleString() + " in the live table, expected "
                        + spec.type().simpleString());
            }
        }
        return problems.isEmpty() ? batch.select(out.toArray(Column[]::new)) : batch;
    }

    /** Null required columns and repeated identities, with example keys; one aggregation pass plus one per problem. */
    static void checkRows(Dataset<Row> batch, List<ColumnSpec> columns, List<String> identity, List<String> problems) {
        List<String> required = columns.stream().filter(c -> !c.nullable()).map(ColumnSpec::name).toList();
        if (!required.isEmpty()) {
            Column[] nulls = required.stream().map(c -> count_if(col(c).isNull())).toArray(Column[]::new);
            Row r = batch.agg(count(lit(1)), nulls).first();
            for (int i = 0; i < required.size(); i++) {
                long n = r.getLong(i + 1);
                if (n > 0) {
                    String c = required.get(i);
                    problems.add(n + " row(s) with null '" + c + "'" + examples(batch.filter(col(c).isNull()), identity));
                }
            }
        }
        if (!identity.isEmpty()) {
            Column[] key = identity.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
            Dataset<Row> repeated = batch.groupBy(key).count().filter(col("count").gt(1));
            long n = repeated.count();
            if (n > 0) {
                problems.add(n + " " + identity + " value(s) appear in more than one row of the batch" + examples(repeated, identity));
            }
        }
    }

    static String examples(Dataset<Row> bad, List<String> identity) {
        if (identity.isEmpty()) return "";
        List<Row> rows = bad.select(identity.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .limit(EXAMPLES).collectAsList();
        return rows.isEmpty() ? "" : ", e.g. " + String.join(",", identity) + " in "
                + rows.stream().map(r -> r.size() == 1 ? String.valueOf(r.get(0)) : r.toString()).toList();
    }

    private static boolean widens(DataType from, DataType to) {
        boolean integral = from.equals(DataTypes.ShortType) || from.equals(DataTypes.ByteType) || from.equals(DataTypes.IntegerType);
        if (to.equals(DataTypes.IntegerType)) return integral;
        if (to.equals(DataTypes.LongType)) return integral || from.equals(DataTypes.LongType)
                || (from instanceof DecimalType d && d.scale() == 0 && d.precision() <= 18);
        if (to.equals(DataTypes.DoubleType)) return integral || from.equals(DataTypes.LongType) || from.equals(DataTypes.FloatType)
                || from instanceof DecimalType;
        if (to.equals(DataTypes.TimestampType)) return from.equals(DataTypes.TimestampNTZType);
        return false;
    }
}
