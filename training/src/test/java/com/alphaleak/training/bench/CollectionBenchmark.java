package com.alphaleak.training.bench;

import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.split.SplitSide;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.LabelledRows;
import com.alphaleak.training.data.SplitMatrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Collecting a training set's matrices to the driver for all of its targets: once per target the
 * way training did until 3899f8d (kept here as the baseline: a global sort, then a Row with an
 * array column per row through {@code toLocalIterator}), against one {@link LabelledRows}
 * collection shared by the targets. Same JVM, same run; checks both give the same matrices.
 *
 * <pre>bin/benchmark collect DATASET_DIR [TARGET,...]</pre>  (a dataset written by build-dataset; default every target)
 */
public final class CollectionBenchmark {
    private CollectionBenchmark() {}

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: bin/benchmark collect DATASET_DIR [TARGET,...]");
        String path = args[0];
        SparkSession spark = WrittenDatasets.localDelta("collect-bench");
        try {
            DatasetManifest m = WrittenDatasets.manifest(spark, path);
            List<String> targets = WrittenDatasets.targets(m, args.length > 1 ? args[1] : null);
            Dataset<Row> data = spark.read().format("delta").load(path);
            data.count(); // the first action of the JVM pays for Delta's log and the planner's warm-up, not the first contender

            long t0 = System.nanoTime();
            List<SplitMatrices> perTarget = new ArrayList<>();
            for (String t : targets) {
                perTarget.add(perTargetCollect(data, m.featureNames(), t, m.idColumn(), m.timeColumn(), m.splitColumn()));
            }
            double before = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            LabelledRows rows = LabelledRows.collect(m.dataset(), data, m.featureNames(), targets, m.idColumn(), m.timeColumn(), m.splitColumn());
            List<SplitMatrices> shared = new ArrayList<>();
            for (String t : targets) shared.add(rows.forTarget(t));
            double after = (System.nanoTime() - t1) / 1e9;

            for (int i = 0; i < targets.size(); i++) same(perTarget.get(i), shared.get(i), targets.get(i));
            System.out.printf(Locale.ROOT, "dataset %s: %,d rows labelled for any of %d targets %s, %d features%n", m.dataset(), rows.rows(),
                    targets.size(), targets, m.featureNames().size());
            System.out.printf(Locale.ROOT, "| one collection per target (until 3899f8d) | %.1f s |%n", before);
            System.out.printf(Locale.ROOT, "| one LabelledRows for all targets | %.1f s |%n", after);
            System.out.printf(Locale.ROOT, "| ratio | %.2fx |%nmatrices identical for every target%n", before / after);
        } finally {
            spark.stop();
        }
    }

    private static void same(SplitMatrices a, SplitMatrices b, String target) {
        for (String side : List.of("train", "validation")) {
            DenseMatrix x = side.equals("train") ? a.train() : a.validation();
            DenseMatrix y = side.equals("train") ? b.train() : b.validation();
            if (x.rows() != y.rows() || !Arrays.equals(x.labels(), y.labels()) || !Arrays.equals(x.values(), y.values())) {
                throw new IllegalStateException(target + " " + side + ": the two collections differ (" + x.rows() + " vs " + y.rows() + " rows)");
            }
        }
    }

    /** The pre-3899f8d MatrixCollector, as it was (contract checks left out: the dataset is a valid one). */
    private static SplitMatrices perTargetCollect(Dataset<Row> data, List<String> features, String target, String idColumn,
                                                  String timeColumn, String splitColumn) {
        Column[] values = features.stream()
                .map(f -> when(col(f).isNull(), lit(Double.NaN)).otherwise(col(f).cast("double"))).toArray(Column[]::new);
        Dataset<Row> rows = data.where(col(target).isNotNull())
                .select(col(splitColumn), col(target).cast("int"), array(values))
                .orderBy(col(timeColumn), col(idColumn));
        Builder train = new Builder(features.size());
        Builder validation = new Builder(features.size());
        Builder calibration = new Builder(features.size());
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            String side = r.getString(0);
            Builder b = SplitSide.TRAIN.label().equals(side) ? train
                    : SplitSide.VALIDATION.label().equals(side) ? validation : calibration;
            b.add(r.getList(2), r.getInt(1));
        }
        return new SplitMatrices(features, target, train.build(), validation.build(), calibration.rows > 0 ? calibration.build() : null);
    }

    private static final class Builder {
        private final int cols;
        private double[] values;
        private int[] labels = new int[16];
        private int rows;

        Builder(int cols) {
            this.cols = cols;
            this.values = new double[Math.max(16, cols) * 64];
        }

        void add(List<Object> row, int label) {
            if ((long) (rows + 1) * cols > values.length) values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * cols));
            if (rows == labels.length) labels = Arrays.copyOf(labels, rows * 2);
            for (int c = 0; c < cols; c++) values[rows * cols + c] = ((Number) row.get(c)).doubleValue();
            labels[rows++] = label;
        }

        DenseMatrix build() {
            return new DenseMatrix(rows, cols, Arrays.copyOf(values, rows * cols), Arrays.copyOf(labels, rows));
        }
    }
}
