package com.alphaleak.training.oracle;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The sample simulator's true probability ({@code tables.oracle}) of each row of one slice of a
 * training set, in the order {@code MatrixCollector} gives that slice's matrix: labelled rows of
 * the target, ordered by (time, id). The one-target case of {@link OracleSlices}, which reads
 * several targets at once. For evaluation only: it is read after training, next to the model's
 * own scores, and never joined into a training set.
 */
public final class OracleProbabilities {
    private OracleProbabilities() {}

    /**
     * @param entityKind {@code signal} or {@code token} (the oracle's {@code entity_kind})
     * @param slice      split label of the slice ({@code validation}, or another slice's label)
     * @param labels     the slice matrix's labels: the rows read here must carry the same labels in
     *                   the same order, else the alignment is wrong and this throws
     * @return one probability per slice row (and the no-foresight one when the table has that
     *         column); NaN where the oracle has none
     */
    public static Slice of(int[] labels, Dataset<Row> dataset, Dataset<Row> oracle, String entityKind, String target, String idColumn,
                              String timeColumn, String splitColumn, String slice) {
        return OracleSlices.read(dataset, oracle, entityKind, List.of(target), idColumn, timeColumn, splitColumn, slice)
                .forTarget(target, labels);
    }

    /** {@code tables.oracle}'s column of the oracle without foresight (absent in tables written before it). */
    public static final String NO_FORESIGHT = "probability_no_foresight";

    /**
     * @param oracle      the oracle's probability per slice row (NaN = none)
     * @param noForesight the same without knowing when trading stops: an upper bound of what a model
     *                    on observable inputs can reach (NaN = none)
     */
    public record Slice(double[] oracle, double[] noForesight) {}
}
