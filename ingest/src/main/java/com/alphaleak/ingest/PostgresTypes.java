package com.alphaleak.ingest;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The PostgreSQL column type that holds a contract column's Spark type (anything else: text). */
public final class PostgresTypes {
    private PostgresTypes() {}

    public static String of(DataType t) {
        if (t.equals(DataTypes.DoubleType)) return "double precision";
        if (t.equals(DataTypes.IntegerType)) return "integer";
        if (t.equals(DataTypes.LongType)) return "bigint";
        if (t.equals(DataTypes.BooleanType)) return "boolean";
        if (t.equals(DataTypes.TimestampType)) return "timestamptz";
        return "text";
    }
}
