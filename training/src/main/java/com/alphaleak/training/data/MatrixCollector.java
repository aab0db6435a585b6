package com.alphaleak.training.data;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.features.split.SplitSide;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Collects one target's labelled rows of a training set to the driver as {@link SplitMatrices}.
 * Rows whose label is null (unmatured or missing outcome) are left out; null features become NaN
 * (LightGBM's missing value). Rows are ordered by (time, id) so the matrices, and therefore the
 * models trained on them, do not depend on how the table's files are laid out.
 */
public final class MatrixCollector {
    private MatrixCollector() {}

    /**
     * @throws DataContractException when a feature or the label column is absent, or when the
     *         training or validation slice has no labelled rows, no positive or no negative
     */
    public static SplitMatrices collect(String table, Dataset<Row> data, List<String> features, String target,
                                        String idColumn, String timeColumn, String splitColumn) {
        List<String> missing = new ArrayList<>();
        List<String> present = List.of(data.columns());
        for (String c : features) if (!present.contains(c)) missing.add(c);
        for (String c : List.of(target, idColumn, timeColumn, splitColumn)) if (!present.contains(c)) missing.add(c);
        if (!missing.isEmpty()) {
            throw new DataContractException(table, List.of("missing column(s) " + missing + " (has " + present + ")"));
        }
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
        List<String> problems = new ArrayList<>();
        check(train, SplitSide.TRAIN.label(), target, problems);
        check(validation, SplitSide.VALIDATION.label(), target, problems);
        if (calibration.rows > 0) check(calibration, SplitSide.CALIBRATION.label(), target, problems);
        if (!problems.isEmpty()) throw new DataContractException(table, problems);
        return new SplitMatrices(features, target, train.build(), validation.build(),
                calibration.rows > 0 ? calibration.build() : null);
    }

    private static void check(Builder b, String side, String target, List<String> problems) {
        long pos = 0;
        for (int i = 0; i < b.rows; i++) pos += b.labels[i];
        if (b.rows == 0) problems.add("column " + target + ": no labelled rows in the " + side + " slice");
        else if (pos == 0) problems.add("column " + target + ": no positives among the " + b.rows + " labelled rows of the " + side + " slice");
        else if (pos == b.rows) problems.add("column " + target + ": no negatives among the " + b.rows + " labelled rows of the " + side + " slice");
    }

    private static final class Builder {
        private final int cols;
        private double[] values = new double[1024];
        private int[] labels = new int[16];
        private int rows;

        Builder(int cols) {
            this.cols = cols;
            this.values = new double[Math.max(16, cols) * 64];
        }

        void add(List<Object> row, int label) {
            if ((long) (rows + 1) * cols > values.length) values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * cols));
            if (rows == labels.length) labels = java.util.Arrays.copyOf(labels, rows * 2);
            for (int c = 0; c < cols; c++) values[rows * cols + c] = ((Number) row.get(c)).doubleValue();
            labels[rows++] = label;
        }

        DenseMatrix build() {
            return new DenseMatrix(rows, cols, java.util.Arrays.copyOf(values, rows * cols), java.util.Arrays.copyOf(labels, rows));
        }
    }
}
