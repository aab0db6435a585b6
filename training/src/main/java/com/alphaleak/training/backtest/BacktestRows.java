package com.alphaleak.training.backtest;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.PeakLabel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One target's labelled rows of a training set on the driver, all slices together, ordered by
 * (time, id) as {@code MatrixCollector} orders them: a walk-forward backtest re-cuts them by time
 * itself. Null features become NaN (LightGBM's missing value), null labels are left out.
 *
 * @param ids         row ids (signal id, or token for genesis), in row order
 * @param timesMicros event time of each row, microseconds since the epoch, non-decreasing
 */
public record BacktestRows(List<String> featureNames, String target, String[] ids, long[] timesMicros, DenseMatrix matrix) {

    public int rows() {
        return ids.length;
    }

    /** Rows [from, to) as a matrix, learning from the rows' soft targets when they have them. */
    public DenseMatrix slice(int from, int to) {
        int c = matrix.cols();
        return new DenseMatrix(to - from, c, Arrays.copyOfRange(matrix.values(), from * c, to * c),
                Arrays.copyOfRange(matrix.labels(), from, to),
                matrix.softTargets() ? Arrays.copyOfRange(matrix.targets(), from, to) : null);
    }

    /** @throws DataContractException naming the table when a feature, the label, id or time column is absent */
    public static BacktestRows collect(String table, Dataset<Row> data, List<String> features, String target,
                                       String idColumn, String timeColumn) {
        return collect(table, data, features, target, null, idColumn, timeColumn);
    }

    /**
     * As {@link #collect(String, Dataset, List, String, String, String)}, every row also carrying its soft
     * label from {@code peak} (null: none), as a run's training slice would.
     *
     * @throws DataContractException also when the peak column is absent, or a row's peak is missing, not
     *         positive or contradicts its label (naming the column, the count and the first ids)
     */
    public static BacktestRows collect(String table, Dataset<Row> data, List<String> features, String target, PeakLabel peak,
                                       String idColumn, String timeColumn) {
        List<String> present = List.of(data.columns());
        List<String> missing = new ArrayList<>();
        for (String c : features) if (!present.contains(c)) missing.add(c);
        for (String c : List.of(target, idColumn, timeColumn)) if (!present.contains(c)) missing.add(c);
        if (peak != null && !present.contains(peak.column())) missing.add(peak.column());
        if (!missing.isEmpty()) {
            throw new DataContractException(table, List.of("missing column(s) " + missing + " (has " + present + ")"));
        }
        Column[] values = features.stream()
                .map(f -> when(col(f).isNull(), lit(Double.NaN)).otherwise(col(f).cast("double"))).toArray(Column[]::new);
        Dataset<Row> rows = data.where(col(target).isNotNull())
                .select(col(idColumn).cast("string"), col(timeColumn).cast("timestamp"), col(target).cast("int"), array(values),
                        peak == null ? lit(null).cast("double") : col(peak.column()).cast("double"))
                .orderBy(col(timeColumn), col(idColumn));
        int cols = features.size();
        List<String> ids = new ArrayList<>();
        long[] times = new long[1024];
        int[] labels = new int[1024];
        float[] soft = peak == null ? null : new float[1024];
        long bad = 0;
        List<String> badIds = new ArrayList<>();
        double[] v = new double[1024 * Math.max(1, cols)];
        int n = 0;
        for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                labels = Arrays.copyOf(labels, n * 2);
                if (soft != null) soft = Arrays.copyOf(soft, n * 2);
                v = Arrays.copyOf(v, n * 2 * cols);
            }
            ids.add(r.getString(0));
            java.sql.Timestamp ts = r.getTimestamp(1);
            times[n] = ts.getTime() / 1000 * 1_000_000 + (ts.getNanos() / 1000) % 1_000_000;
            labels[n] = r.getInt(2);
            if (peak != null) {
                double p = r.isNullAt(4) ? Double.NaN : r.getDouble(4);
                soft[n] = peak.ofLabelled(p, labels[n]);
                if (Float.isNaN(soft[n]) && bad++ < PeakLabel.IDS_SHOWN) badIds.add(r.getString(0));
            }
            List<Object> f = r.getList(3);
            for (int c = 0; c < cols; c++) v[n * cols + c] = ((Number) f.get(c)).doubleValue();
            n++;
        }
        if (bad > 0) throw new DataContractException(table, List.of(peak.problem(target, bad, badIds)));
        return new BacktestRows(features, target, ids.toArray(String[]::new), Arrays.copyOf(times, n),
                new DenseMatrix(n, cols, Arrays.copyOf(v, n * cols), Arrays.copyOf(labels, n), soft == null ? null : Arrays.copyOf(soft, n)));
    }
}
