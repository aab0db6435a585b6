package com.alphaleak.training.bench;

import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.training.oracle.OracleProbabilities;
import com.alphaleak.training.oracle.OracleSlices;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Reading the sample world's oracle probabilities of a training set's validation slice for all
 * of its targets: once per target with the query training ran until 35b5bda (kept here as the
 * baseline: a left join of the slice onto the oracle rows of one target, sorted by (time, id) in
 * Spark), against one {@link OracleSlices} read for every target (the slice's ids broadcast into
 * one pass over the oracle table, matched on the driver). Same JVM, same run; checks both give the
 * same probabilities and labels.
 *
 * <pre>bin/benchmark oracle DATASET_DIR ORACLE_TABLE_DIR [TARGET,...]</pre>
 */
public final class OracleReadBenchmark {
    private OracleReadBenchmark() {}

    public static void main(String[] args) {
        if (args.length < 2) throw new IllegalArgumentException("usage: bin/benchmark oracle DATASET_DIR ORACLE_TABLE_DIR [TARGET,...]");
        String path = args[0];
        SparkSession spark = WrittenDatasets.localDelta("oracle-bench");
        try {
            DatasetManifest m = WrittenDatasets.manifest(spark, path);
            List<String> targets = WrittenDatasets.targets(m, args.length > 2 ? args[2] : null);
            String kind = m.dataset().equals("genesis") ? "token" : "signal";
            Dataset<Row> data = spark.read().format("delta").load(path);
            Dataset<Row> oracle = spark.read().format("delta").load(args[1]);
            data.count(); // the JVM's first action pays for Delta's log and the planner's warm-up, not the first contender
            oracle.count();

            long t0 = System.nanoTime();
            List<double[][]> perTarget = new ArrayList<>();
            for (String t : targets) perTarget.add(perTargetRead(data, oracle, kind, t, m.idColumn(), m.timeColumn(), m.splitColumn()));
            double before = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            OracleSlices once = OracleSlices.read(data, oracle, kind, targets, m.idColumn(), m.timeColumn(), m.splitColumn(), "validation");
            double after = (System.nanoTime() - t1) / 1e9;

            long rows = 0;
            for (int i = 0; i < targets.size(); i++) {
                double[][] old = perTarget.get(i);
                int[] labels = new int[old[0].length];
                for (int r = 0; r < labels.length; r++) labels[r] = (int) old[2][r];
                OracleProbabilities.Slice now = once.forTarget(targets.get(i), labels); // throws unless the labels line up
                if (!Arrays.equals(old[0], now.oracle()) || !Arrays.equals(old[1], now.noForesight())) {
                    throw new IllegalStateException(targets.get(i) + ": the two reads differ");
                }
                rows += labels.length;
            }
            System.out.printf(Locale.ROOT, "dataset %s, validation slice: %,d (row, target) pairs over %d targets %s%n", m.dataset(), rows,
                    targets.size(), targets);
            System.out.printf(Locale.ROOT, "| one read per target (until 35b5bda) | %.1f s |%n", before);
            System.out.printf(Locale.ROOT, "| one OracleSlices read for all targets | %.1f s |%n", after);
            System.out.printf(Locale.ROOT, "| ratio | %.2fx |%nprobabilities and labels identical for every target%n", before / after);
        } finally {
            spark.stop();
        }
    }

    /** The pre-35b5bda OracleProbabilities query, as it was: {oracle, no foresight, label} per slice row in matrix order. */
    private static double[][] perTargetRead(Dataset<Row> dataset, Dataset<Row> oracle, String entityKind, String target, String idColumn,
                                            String timeColumn, String splitColumn) {
        Dataset<Row> o = oracle.where(col("entity_kind").equalTo(lit(entityKind)).and(col("target").equalTo(lit(target))))
                .select(col("entity_id").as("__oracle_id"), col("probability").as("__oracle_p"),
                        (Arrays.asList(oracle.columns()).contains(OracleProbabilities.NO_FORESIGHT) ? col(OracleProbabilities.NO_FORESIGHT)
                                : lit(null).cast("double")).as("__oracle_nf"));
        Dataset<Row> rows = dataset.where(col(target).isNotNull().and(col(splitColumn).equalTo(lit("validation"))))
                .select(col(idColumn), col(timeColumn), col(target))
                .join(o, col(idColumn).cast("string").equalTo(col("__oracle_id")), "left")
                .orderBy(col(timeColumn), col(idColumn)).select(col("__oracle_p"), col(target).cast("int"), col("__oracle_nf"));
        List<double[]> out = new ArrayList<>();
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            out.add(new double[]{r.isNullAt(0) ? Double.NaN : r.getDouble(0), r.isNullAt(2) ? Double.NaN : r.getDouble(2), r.getInt(1)});
        }
        double[][] cols = new double[3][out.size()];
        for (int i = 0; i < out.size(); i++) for (int c = 0; c < 3; c++) cols[c][i] = out.get(i)[c];
        return cols;
    }
}
