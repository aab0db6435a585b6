package com.alphaleak.training.data;

import com.alphaleak.contracts.DataContractException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Collects one target's labelled rows of a training set to the driver as {@link SplitMatrices}.
 * Rows whose label is null (unmatured or missing outcome) are left out; null features become NaN
 * (LightGBM's missing value). Rows are ordered by (time, id) so the matrices, and therefore the
 * models trained on them, do not depend on how the table's files are laid out. For several
 * targets of one table, {@link LabelledRows} collects the rows once.
 */
public final class MatrixCollector {
    private MatrixCollector() {}

    /**
     * @throws DataContractException when a feature or the label column is absent, or when the
     *         training or validation slice has no labelled rows, no positive or no negative
     */
    public static SplitMatrices collect(String table, Dataset<Row> data, List<String> features, String target,
                                        String idColumn, String timeColumn, String splitColumn) {
        return LabelledRows.collect(table, data, features, List.of(target), idColumn, timeColumn, splitColumn).forTarget(target);
    }

    /** As {@link #collect(String, Dataset, List, String, String, String, String)}, the training slice learning from {@code peak} (null: its 0/1 labels). */
    public static SplitMatrices collect(String table, Dataset<Row> data, List<String> features, String target, PeakLabel peak,
                                        String idColumn, String timeColumn, String splitColumn) {
        return LabelledRows.collect(table, data, features, List.of(target), peak == null ? java.util.Map.of() : java.util.Map.of(target, peak),
                idColumn, timeColumn, splitColumn).forTarget(target);
    }
}
