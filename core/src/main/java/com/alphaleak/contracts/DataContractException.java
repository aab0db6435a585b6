package com.alphaleak.contracts;

import java.util.List;

/**
 * Input data breaks its contract: a missing column, a wrong type, null keys or times, duplicate
 * ids, outcomes dated before their signal. The message names the table, the column and, where
 * rows are at fault, how many and a few examples. Jobs exit non-zero and write nothing.
 */
public final class DataContractException extends RuntimeException {
    private final String table;
    private final List<String> problems;

    public DataContractException(String table, List<String> problems) {
        super("Table '" + table + "' breaks its data contract:\n  - " + String.join("\n  - ", problems));
        this.table = table;
        this.problems = List.copyOf(problems);
    }

    public String table() {
        return table;
    }

    public List<String> problems() {
        return problems;
    }
}
