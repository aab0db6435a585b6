package com.alphaleak.contracts;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The schema and semantics of one input table.
 *
 * <p>Point-in-time semantics of context tables: {@link #knownAtColumn()} is the instant the row
 * became available to the live system (written to the feature store), not the instant of the
 * events it summarises. A signal at time t may use a row iff {@code known_at <= t}. Among rows of
 * one key with equal {@code known_at}, the one with the greatest {@link #tieBreakColumn()} wins.
 *
 * @param name           table name as in documentation and errors (snake case)
 * @param keyColumns     entity key (empty for the keyless market-regime table)
 * @param idColumn       unique row id where the table has one (signals), else empty
 * @param knownAtColumn  point-in-time column of context tables, else empty
 * @param tieBreakColumn greater wins among equal known_at of one key, else empty
 * @param columns        required columns; extra columns in the data are allowed and ignored
 */
public record TableContract(String name, List<String> keyColumns, Optional<String> idColumn,
                            Optional<String> knownAtColumn, Optional<String> tieBreakColumn,
                            List<ColumnSpec> columns) {

    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (ColumnSpec c : columns) {
            fields.add(DataTypes.createStructField(c.name(), c.type(), c.nullable()));
        }
        return DataTypes.createStructType(fields);
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** Value columns: everything but keys, id, known time and tie-break. */
    public List<ColumnSpec> valueColumns() {
        return columns.stream().filter(c -> !keyColumns.contains(c.name())
                && idColumn.map(i -> !i.equals(c.name())).orElse(true)
                && knownAtColumn.map(k -> !k.equals(c.name())).orElse(true)
                && tieBreakColumn.map(t -> !t.equals(c.name())).orElse(true)).toList();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent builder; required columns are added in the order they should appear. */
    public static final class Builder {
        private final String name;
        private final List<String> keys = new ArrayList<>();
        private String id;
        private String knownAt;
        private String tieBreak;
        private final List<ColumnSpec> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** A non-null string key column. */
        public Builder key(String column, String description) {
            keys.add(column);
            return required(column, DataTypes.StringType, description);
        }

        /** A non-null, unique string id column. */
        public Builder id(String column, String description) {
            id = column;
            return required(column, DataTypes.StringType, description);
        }

        /** The non-null point-in-time column and its non-null tie-break column. */
        public Builder knownAt(String column, String tieBreakColumn) {
            knownAt = column;
            tieBreak = tieBreakColumn;
            required(column, DataTypes.TimestampType, "instant the row became available to the live system (UTC)");
            return required(tieBreakColumn, DataTypes.LongType,
                    "monotonically increasing write sequence; the greater wins among rows of one key with equal " + column);
        }

        public Builder required(String column, DataType type, String description) {
            columns.add(new ColumnSpec(column, type, false, description));
            return this;
        }

        /** A nullable value column; null means structurally missing (NaN to LightGBM). */
        public Builder nullable(String column, DataType type, String description) {
            columns.add(new ColumnSpec(column, type, true, description));
            return this;
        }

        public TableContract build() {
            return new TableContract(name, Collections.unmodifiableList(keys), Optional.ofNullable(id),
                    Optional.ofNullable(knownAt), Optional.ofNullable(tieBreak), List.copyOf(columns));
        }
    }
}
