package com.alphaleak.labels;

import java.util.List;

/**
 * What validation found in an outcome table that passed it.
 *
 * @param outcomeRows     rows of the outcome table
 * @param orphanRows      outcome rows whose id has no event; ignored by labelling (events are
 *                        routinely filtered, e.g. to a date range, while outcomes are not)
 * @param orphanExamples  up to five orphan ids, ascending
 */
public record OutcomeCheck(long outcomeRows, long orphanRows, List<String> orphanExamples) {
    public OutcomeCheck {
        orphanExamples = List.copyOf(orphanExamples);
    }
}
