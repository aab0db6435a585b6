package com.alphaleak.contracts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a table's schema against its {@link TableContract} at read time: every required column
 * present with exactly the contracted type. Extra columns are allowed. All problems of a table
 * are reported at once.
 */
public final class SchemaValidator {
    private SchemaValidator() {}

    /** @throws DataContractException naming each missing column and each wrong type */
    public static void validate(StructType actual, TableContract contract) {
        List<String> problems = problems(actual, contract);
        if (!problems.isEmpty()) {
            throw new DataContractException(contract.name(), problems);
        }
    }

    public static void validate(Dataset<Row> data, TableContract contract) {
        validate(data.schema(), contract);
    }

    public static List<String> problems(StructType actual, TableContract contract) {
        List<String> problems = new ArrayList<>();
        for (ColumnSpec spec : contract.columns()) {
            Optional<StructField> field = Arrays.stream(actual.fields())
                    .filter(f -> f.name().equals(spec.name())).findFirst();
            if (field.isEmpty()) {
                Optional<StructField> caseInsensitive = Arrays.stream(actual.fields())
                        .filter(f -> f.name().equalsIgnoreCase(spec.name())).findFirst();
                problems.add("missing column '" + spec.name() + "' (" + spec.type().simpleString() + ")"
                        + caseInsensitive.map(f -> "; found '" + f.name() + "', column names are case-sensitive").orElse(""));
            } else if (!field.get().dataType().equals(spec.type())) {
                problems.add("column '" + spec.name() + "' has type " + field.get().dataType().simpleString()
                        + ", expected " + spec.type().simpleString());
            }
        }
        return problems;
    }
}
