package com.alphaleak.features.dataset;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks run on every input before any join: schema (missing columns, wrong types), nulls in
 * columns the contract requires, and event ids that repeat with different content. Fails with a
 * {@link com.alphaleak.contracts.DataContractException} naming table, column, row count and examples.
 */
final class InputChecks {
    private InputChecks() {}

    static void events(Dataset<Row> events, TableContract contract, String idColumn) {
        SchemaValidator.validate(events, contract);
        RowChecks.requireNonNull(events, contract.name(), idColumn, requiredColumns(contract));
        RowChecks.requireConsistentIds(events, contract.name(), idColumn);
    }

    /** @return the table's row count */
    static long context(ContextTable table) {
        TableContract c = table.contract();
        SchemaValidator.validate(table.rows(), c);
        List<String> required = requiredColumns(c);
        String exampleColumn = c.keyColumns().isEmpty() ? c.knownAtColumn().orElseThrow() : c.keyColumns().get(0);
        return RowChecks.requireNonNull(table.rows(), c.name(), exampleColumn, required);
    }

    private static List<String> requiredColumns(TableContract contract) {
        List<String> out = new ArrayList<>();
        for (ColumnSpec s : contract.columns()) {
            if (!s.nullable()) out.add(s.name());
        }
        return out;
    }
}
