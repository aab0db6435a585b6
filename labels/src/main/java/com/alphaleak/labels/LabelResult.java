package com.alphaleak.labels;

import com.alphaleak.contracts.TargetSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels derived from outcomes.
 *
 * @param labelled the event rows, all of them, in their columns, plus one IntegerType column per
 *                 target named after it: 1, 0, or null when the row is excluded from that target
 *                 (lazy: evaluated by whoever consumes it)
 * @param asOf     the cut-off the labels are valid at, truncated to the microsecond
 * @param counts   per target name, in the order the targets were given
 * @param outcomes what validation found in the outcome table (orphan rows)
 */
public record LabelResult(Dataset<Row> labelled, Instant asOf,
                          Map<String, TargetCounts> counts, OutcomeCheck outcomes) {

    public LabelResult {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public TargetCounts counts(TargetSpec target) {
        TargetCounts c = counts.get(target.name());
        if (c == null) {
            throw new IllegalArgumentException("no labels for target '" + target.name() + "'; labelled: " + counts.keySet());
        }
        return c;
    }
}
