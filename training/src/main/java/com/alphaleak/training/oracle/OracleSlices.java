package com.alphaleak.training.oracle;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

/**
 * The sample simulator's probabilities ({@code tables.oracle}) of one slice of a training set for
 * several targets, read in one pass over the oracle table: for each target, one value per labelled
 * row of the slice in the order its matrix has them ((time, id), as {@code LabelledRows} and
 * {@code MatrixCollector} order). For evaluation only: read after training, never joined into a
 * training set.
 */
public final class OracleSlices {
    private final String slice;
    private final Map<String, Rows> byTarget;

    private OracleSlices(String slice, Map<String, Rows> byTarget) {
        this.slice = slice;
        this.byTarget = byTarget;
    }

    /** One target's labelled slice rows as read: labels (to check the alignment) and both probabilities (NaN = none). */
    private record Rows(int[] labels, double[] oracle, double[] noForesight) {}

    /**
     * @param entityKind {@code signal} or {@code token} (the oracle's {@code entity_kind})
     * @param targets    label columns of {@code dataset}, each also a {@code target} of the oracle
     * @param slice      split label of the slice ({@code validation}, or another slice's label)
     */
    public static OracleSlices read(Dataset<Row> dataset, Dataset<Row> oracle, String entityKind, List<String> targets,
                                    String idColumn, String timeColumn, String splitColumn, String slice) {
        if (targets.isEmpty()) throw new IllegalArgumentException("no target to read oracle probabilities for");
        Column noForesight = Arrays.asList(oracle.columns()).contains(OracleProbabilities.NO_FORESIGHT)
                ? col(OracleProbabilities.NO_FORESIGHT) : lit(null).cast("double");
        // One row per entity with a column pair per target: the oracle table is scanned once for all targets.
        List<Column> perTarget = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Column is = col("target").equalTo(lit(targets.get(i)));
            perTarget.add(max(when(is, col("probability"))).as("__oracle_p" + i));
            perTarget.add(max(when(is, noForesight)).as("__oracle_nf" + i));
        }
        Dataset<Row> o = oracle.where(col("entity_kind").equalTo(lit(entityKind)).and(col("target").isin(targets.toArray())))
                .groupBy(col("entity_id").as("__oracle_id"))
                .agg(perTarget.get(0), perTarget.subList(1, perTarget.size()).toArray(Column[]::new));
        Column anyLabel = null;
        List<Column> out = new ArrayList<>();
        for (String t : targets) {
            anyLabel = anyLabel == null ? col(t).isNotNull() : anyLabel.or(col(t).isNotNull());
            out.add(col(t).cast("int"));
        }
        for (int i = 0; i < targets.size(); i++) {
            out.add(col("__oracle_p" + i));
            out.add(col("__oracle_nf" + i));
        }
        List<Column> keep = new ArrayList<>(List.of(col(idColumn), col(timeColumn)));
        for (String t : targets) keep.add(col(t));
        Dataset<Row> rows = dataset.where(anyLabel.and(col(splitColumn).equalTo(lit(slice))))
                .select(keep.toArray(Column[]::new))
                .join(o, col(idColumn).cast("string").equalTo(col("__oracle_id")), "left")
                .orderBy(col(timeColumn), col(idColumn)).select(out.toArray(Column[]::new));
        int k = targets.size();
        Growing[] grow = new Growing[k];
        for (int i = 0; i < k; i++) grow[i] = new Growing();
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            for (int i = 0; i < k; i++) {
                if (r.isNullAt(i)) continue;
                int p = k + 2 * i;
                grow[i].add(r.getInt(i), r.isNullAt(p) ? Double.NaN : r.getDouble(p), r.isNullAt(p + 1) ? Double.NaN : r.getDouble(p + 1));
            }
        }
        Map<String, Rows> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) byTarget.put(targets.get(i), grow[i].rows());
        return new OracleSlices(slice, byTarget);
    }

    /** The slice these probabilities are of. */
    public String slice() {
        return slice;
    }

    /**
     * {@code target}'s probabilities, one per row of its slice matrix.
     *
     * @param labels the slice matrix's labels: the rows read must carry the same labels in the same
     *               order, else the alignment is wrong and this throws
     * @throws IllegalStateException when the rows read do not line up with {@code labels}
     */
    public OracleProbabilities.Slice forTarget(String target, int[] labels) {
        Rows r = byTarget.get(target);
        if (r == null) throw new IllegalArgumentException("oracle probabilities were read for " + byTarget.keySet() + ", not " + target);
        int n = Math.min(r.labels.length, labels.length);
        for (int i = 0; i < n; i++) {
            if (r.labels[i] != labels[i]) {
                throw new IllegalStateException("oracle rows of " + target + "/" + slice + " are not aligned with the slice's matrix at row "
                        + i + " (" + labels.length + " matrix rows)");
            }
        }
        if (r.labels.length != labels.length) {
            throw new IllegalStateException("oracle rows of " + target + "/" + slice + ": " + r.labels.length + " rows for "
                    + labels.length + " matrix rows");
        }
        return new OracleProbabilities.Slice(r.oracle.clone(), r.noForesight.clone());
    }

    private static final class Growing {
        private int[] labels = new int[1024];
        private double[] oracle = new double[1024];
        private double[] noForesight = new double[1024];
        private int n;

        void add(int label, double p, double nf) {
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, 2 * n);
                oracle = Arrays.copyOf(oracle, 2 * n);
                noForesight = Arrays.copyOf(noForesight, 2 * n);
            }
            labels[n] = label;
            oracle[n] = p;
            noForesight[n++] = nf;
        }

        Rows rows() {
            return new Rows(Arrays.copyOf(labels, n), Arrays.copyOf(oracle, n), Arrays.copyOf(noForesight, n));
        }
    }
}
