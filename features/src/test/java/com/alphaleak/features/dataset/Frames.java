package com.alphaleak.features.dataset;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable test inputs: rows of a contract's table given as {@code column, value} pairs; columns
 * not given are null, instants may be given as ISO strings or {@link Instant}s.
 */
final class Frames {
    private final SparkSession spark;

    Frames(SparkSession spark) {
        this.spark = spark;
    }

    /** One row as alternating column names and values. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    Dataset<Row> of(TableContract contract, List<Map<String, Object>> rows) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String c : r.keySet()) {
                if (contract.column(c).isEmpty()) throw new IllegalArgumentException(contract.name() + " has no column " + c);
            }
            Object[] values = new Object[contract.columns().size()];
            for (int i = 0; i < values.length; i++) {
                ColumnSpec spec = contract.columns().get(i);
                values[i] = convert(spec, r.get(spec.name()));
            }
            out.add(RowFactory.create(values));
        }
        // Everything nullable, as tables read from storage are: a non-nullable schema would let
        // Spark optimise the null checks under test away.
        StructType schema = new StructType(java.util.Arrays.stream(contract.schema().fields())
                .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
        return spark.createDataFrame(out, schema);
    }

    @SafeVarargs
    final Dataset<Row> of(TableContract contract, Map<String, Object>... rows) {
        return of(contract, List.of(rows));
    }

    Dataset<Row> empty(TableContract contract) {
        return of(contract, List.of());
    }

    static Timestamp ts(String iso) {
        return Timestamp.from(Instant.parse(iso));
    }

    private static Object convert(ColumnSpec spec, Object v) {
        if (v == null) return null;
        if (spec.type().equals(DataTypes.TimestampType)) {
            if (v instanceof String s) return ts(s);
            if (v instanceof Instant i) return Timestamp.from(i);
        }
        if (spec.type().equals(DataTypes.DoubleType) && v instanceof Number n) return n.doubleValue();
        if (spec.type().equals(DataTypes.IntegerType) && v instanceof Number n) return n.intValue();
        if (spec.type().equals(DataTypes.LongType) && v instanceof Number n) return n.longValue();
        return v;
    }
}
