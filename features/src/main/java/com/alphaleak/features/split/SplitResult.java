package com.alphaleak.features.split;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Instant;
import java.util.Optional;

/**
 * A chronological split. Slices by time t of a row:
 * train {@code t < validationStart}; validation {@code validationStart <= t < calibrationStart}
 * (no upper bound without calibration); calibration {@code t >= calibrationStart}.
 *
 * @param data             the input rows plus the split column (lazy)
 * @param validationStart  inclusive lower bound of validation, the time of a real row
 * @param calibrationStart inclusive lower bound of calibration, when there is one
 */
public record SplitResult(Dataset<Row> data, Instant validationStart, Optional<Instant> calibrationStart,
                          long trainRows, long validationRows, long calibrationRows) {

    public long rows() {
        return trainRows + validationRows + calibrationRows;
    }

    public long rows(SplitSide side) {
        return switch (side) {
            case TRAIN -> trainRows;
            case VALIDATION -> validationRows;
            case CALIBRATION -> calibrationRows;
        };
    }
}
