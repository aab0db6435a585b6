package com.alphaleak.contracts;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

import java.util.List;

/**
 * Input data breaks its contract: a missing column, a wrong type, null keys or times, duplicate
 * ids, outcomes dated before their signal. The message names the table, the column and, where
 * rows are at fault, how many and a few examples. Jobs write nothing and exit 3.
 */
public final class DataContractException extends AlphaLeakException {
    private final String table;
    private final List<String> problems;

    public DataContractException(String table, List<String> problems) {
        super(ExitCodes.BAD_INPUT, "Table '" + table + "' breaks its data contract:\n  - " + String.join("\n  - ", problems));
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
