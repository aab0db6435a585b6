package com.alphaleak.training.oracle;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
        int k = targets.size();
        // The slice's rows labelled for any target, in matrix order: a small sort (one slice, a few columns).
        Column anyLabel = null;
        List<Column> keep = new ArrayList<>(List.of(col(idColumn).cast("string")));
        for (String t : targets) {
            anyLabel = anyLabel == null ? col(t).isNotNull() : anyLabel.or(col(t).isNotNull());
            keep.add(col(t).cast("int"));
        }
        List<String> ids = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        Dataset<Row> rows = dataset.where(anyLabel.and(col(splitColumn).equalTo(lit(slice))))
                .orderBy(col(timeColumn), col(idColumn)).select(keep.toArray(Column[]::new));
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            ids.add(r.isNullAt(0) ? null : r.getString(0));
            int[] y = new int[k];
            for (int i = 0; i < k; i++) y[i] = r.isNullAt(1 + i) ? NOT_LABELLED : r.getInt(1 + i);
            labels.add(y);
        }
        // One pass over the oracle table: its rows of these entities and targets, found by a
        // broadcast of the slice's ids (no shuffle of the oracle), put next to the rows here.
        Map<String, double[]> byId = new HashMap<>();
        for (String id : ids) if (id != null) byId.put(id, nan(2 * k));
        if (!byId.isEmpty()) {
            Column noForesight = Arrays.asList(oracle.columns()).contains(OracleProbabilities.NO_FORESIGHT)
                    ? col(OracleProbabilities.NO_FORESIGHT) : lit(null).cast("double");
            Dataset<Row> wanted = dataset.sparkSession().createDataset(new ArrayList<>(byId.keySet()), Encoders.STRING()).toDF("__oracle_id");
            Dataset<Row> found = oracle.where(col("entity_kind").equalTo(lit(entityKind)).and(col("target").isin(targets.toArray())))
                    .join(broadcast(wanted), col("entity_id").cast("string").equalTo(col("__oracle_id")), "left_semi")
                    .select(col("entity_id").cast("string"), col("target"), col("probability").cast("double"), noForesight.cast("double"));
            for (Iterator<Row> it = found.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                int t = targets.indexOf(r.getString(1));
                double[] v = byId.get(r.getString(0));
                if (r.isNullAt(2)) continue;
                v[2 * t] = r.getDouble(2);
                v[2 * t + 1] = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
            }
        }
        Growing[] grow = new Growing[k];
        for (int i = 0; i < k; i++) grow[i] = new Growing();
        double[] none = nan(2 * k);
        for (int row = 0; row < ids.size(); row++) {
            double[] v = ids.get(row) == null ? none : byId.get(ids.get(row));
            int[] y = labels.get(row);
            for (int i = 0; i < k; i++) if (y[i] != NOT_LABELLED) grow[i].add(y[i], v[2 * i], v[2 * i + 1]);
        }
        Map<String, Rows> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) byTarget.put(targets.get(i), grow[i].rows());
        return new OracleSlices(slice, byTarget);
    }

    private static final int NOT_LABELLED = Integer.MIN_VALUE;

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
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
