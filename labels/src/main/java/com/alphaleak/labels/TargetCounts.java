package com.alphaleak.labels;

/**
 * How the events fared for one target. {@code labelled + excludedUnmatured + excludedMissing}
 * is the number of events.
 *
 * @param labelled          events with a 1/0 label
 * @param positives         events labelled 1
 * @param excludedUnmatured events whose horizon had not elapsed at the cut-off, or whose outcome
 *                          was finalised only after it (the label did not exist yet then)
 * @param excludedMissing   events whose horizon had elapsed but that have no outcome row, or a
 *                          null peak or observation time for the horizon (tracking failed)
 */
public record TargetCounts(long labelled, long positives, long excludedUnmatured, long excludedMissing) {

    public long negatives() {
        return labelled - positives;
    }

    public long events() {
        return labelled + excludedUnmatured + excludedMissing;
    }
}
