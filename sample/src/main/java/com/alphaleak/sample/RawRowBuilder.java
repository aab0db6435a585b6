package com.alphaleak.sample;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link RawSnapshots} rows by value-column name, so values can never land in the wrong
 * column; every value column must be set (null for structurally missing). The layout is
 * immutable and shareable between threads; each row is filled through its own {@link Values}.
 */
final class RawRowBuilder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final int keys;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    RawRowBuilder(TableContract contract) {
        this.table = contract.name();
        this.keys = contract.keyColumns().size();
        this.names = contract.valueColumns().stream().map(ColumnSpec::name).toList();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    Values values() {
        return new Values();
    }

    /** The values of one row being built. */
    final class Values {
        private final Object[] values = new Object[names.size()];
        private final boolean[] set = new boolean[names.size()];

        Values set(String column, Object value) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException(table + " has no value column '" + column + "'");
            }
            values[i] = value;
            set[i] = true;
            return this;
        }

        Row row(long knownAtMicros, int writeSeq, String... keyValues) {
            if (keyValues.length != keys) {
                throw new IllegalArgumentException(table + " expects " + keys + " key value(s)");
            }
            Object[] out = new Object[keys + 2 + names.size()];
            System.arraycopy(keyValues, 0, out, 0, keys);
            out[keys] = knownAtMicros;
            out[keys + 1] = writeSeq;
            for (int i = 0; i < names.size(); i++) {
                if (!set[i]) {
                    throw new IllegalStateException(table + ": value column '" + names.get(i) + "' was not set");
                }
                out[keys + 2 + i] = values[i];
            }
            return RowFactory.create(out);
        }
    }
}
