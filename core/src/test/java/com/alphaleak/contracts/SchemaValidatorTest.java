package com.alphaleak.contracts;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaValidatorTest {
    static Stream<TableContract> everyInputTable() {
        return Contracts.ALL.values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInputTable")
    void theContractedSchemaPlusExtraColumnsIsAccepted(TableContract t) {
        assertDoesNotThrow(() -> SchemaValidator.validate(t.schema().add("extra_column", DataTypes.StringType), t));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInputTable")
    void everyMissingColumnIsNamedWithItsTable(TableContract t) {
        StructType schema = t.schema();
        for (StructField dropped : schema.fields()) {
            StructType without = new StructType(Arrays.stream(schema.fields()).filter(f -> f != dropped).toArray(StructField[]::new));
            DataContractException e = assertThrows(DataContractException.class, () -> SchemaValidator.validate(without, t));
            assertTrue(e.getMessage().contains("'" + t.name() + "'") && e.getMessage().contains("missing column '" + dropped.name() + "'"),
                    e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInputTable")
    void everyWrongTypeIsNamedWithBothTypes(TableContract t) {
        StructType schema = t.schema();
        for (StructField f : schema.fields()) {
            var wrong = f.dataType().equals(DataTypes.StringType) ? DataTypes.LongType : DataTypes.StringType;
            StructType changed = new StructType(Arrays.stream(schema.fields())
                    .map(x -> x == f ? new StructField(x.name(), wrong, true, x.metadata()) : x).toArray(StructField[]::new));
            DataContractException e = assertThrows(DataContractException.class, () -> SchemaValidator.validate(changed, t));
            assertTrue(e.getMessage().contains("column '" + f.name() + "' has type " + wrong.simpleString()
                    + ", expected " + f.dataType().simpleString()), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInputTable")
    void allProblemsOfATableAreReportedAtOnce(TableContract t) {
        StructType empty = new StructType();
        DataContractException e = assertThrows(DataContractException.class, () -> SchemaValidator.validate(empty, t));
        assertTrue(e.problems().size() == t.columns().size(), e.getMessage());
    }
}
