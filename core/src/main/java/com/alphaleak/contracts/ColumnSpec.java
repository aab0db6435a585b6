package com.alphaleak.contracts;

import org.apache.spark.sql.types.DataType;

/**
 * One column of a table contract.
 *
 * @param nullable whether nulls are allowed (feature values may be null = structurally missing;
 *                 keys and times may not)
 */
public record ColumnSpec(String name, DataType type, boolean nullable, String description) {}
