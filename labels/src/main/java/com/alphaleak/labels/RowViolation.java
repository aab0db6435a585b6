package com.alphaleak.labels;

import java.util.List;

/**
 * One broken rule of an input table: which column, what is wrong, how many rows and a few
 * example ids (the smallest distinct ids of offending rows, so the message is deterministic).
 *
 * @param column   the column at fault
 * @param problem  what the offending rows do, phrased to follow "N row(s) ..."
 * @param rows     number of offending rows
 * @param examples up to {@link OutcomeValidator#EXAMPLES} ids of offending rows, ascending; empty
 *                 when the id itself is missing
 */
public record RowViolation(String column, String problem, long rows, List<String> examples) {
    public RowViolation {
        examples = List.copyOf(examples);
    }

    /** Message line for a {@link com.alphaleak.contracts.DataContractException}. */
    public String describe(String idColumn) {
        return rows + " row(s) " + problem + " (column '" + column + "')"
                + (examples.isEmpty() ? "" : ", e.g. " + idColumn + " in " + examples);
    }
}
