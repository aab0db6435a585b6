package com.alphaleak.training.oracle;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Iterator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The sample simulator's true probability ({@code tables.oracle}) of each row of one slice of a
 * training set, in the order {@code MatrixCollector} gives that slice's matrix: labelled rows of
 * the target, ordered by (time, id). For evaluation only: it is read after training, next to the
 * model's own scores, and never joined into a training set.
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
        Dataset<Row> o = oracle.where(col("entity_kind").equalTo(lit(entityKind)).and(col("target").equalTo(lit(target))))
                .select(col("entity_id").as("__oracle_id"), col("probability").as("__oracle_p"),
                        (Arrays.asList(oracle.columns()).contains(NO_FORESIGHT) ? col(NO_FORESIGHT) : lit(null).cast("double"))
                                .as("__oracle_nf"));
        Dataset<Row> rows = dataset.where(col(target).isNotNull().and(col(splitColumn).equalTo(lit(slice))))
                .select(col(idColumn), col(timeColumn), col(target))
                .join(o, col(idColumn).cast("string").equalTo(col("__oracle_id")), "left")
                .orderBy(col(timeColumn), col(idColumn)).select(col("__oracle_p"), col(target).cast("int"), col("__oracle_nf"));
        // One value per matrix row: more rows than labels fail the alignment check below.
        double[] p = new double[labels.length];
        double[] nf = new double[labels.length];
        int n = 0;
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            if (n >= labels.length || r.getInt(1) != labels[n]) {
                throw new IllegalStateException("oracle rows of " + target + "/" + slice + " are not aligned with the slice's matrix at row "
                        + n + " (" + labels.length + " matrix rows)");
            }
            p[n] = r.isNullAt(0) ? Double.NaN : r.getDouble(0);
            nf[n++] = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        }
        if (n != labels.length) {
            throw new IllegalStateException("oracle rows of " + target + "/" + slice + ": " + n + " rows for " + labels.length + " matrix rows");
        }
        return new Slice(p, nf);
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
