package com.alphaleak.training.data;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The slices of one training set for one target, as matrices in the order of {@code featureNames}.
 *
 * @param calibration the separate calibration slice, or null when the dataset has none
 */
public record SplitMatrices(List<String> featureNames, String target, DenseMatrix train, DenseMatrix validation,
                            DenseMatrix calibration) implements Serializable {
    public SplitMatrices {
        featureNames = List.copyOf(featureNames);
    }

    /** Negatives / positives of the training slice: LightGBM's {@code scale_pos_weight} for balance. */
    public double balancedScalePosWeight() {
        long pos = train.positives();
        return pos == 0 ? 1.0 : (double) (train.rows() - pos) / pos;
    }

    public Optional<DenseMatrix> separateCalibration() {
        return Optional.ofNullable(calibration);
    }

    /** The slice Platt scaling is fitted on: calibration when configured, else validation. */
    public DenseMatrix calibrationSlice() {
        return calibration != null ? calibration : validation;
    }

    /** The same slices with {@code rows} as the training slice (a sample of it, for a sampled search). */
    public SplitMatrices withTrain(DenseMatrix rows) {
        return rows == train ? this : new SplitMatrices(featureNames, target, rows, validation, calibration);
    }

    /** What a trial needs (train and validation): the calibration slice stays on the driver. */
    public SplitMatrices forTrials() {
        return calibration == null ? this : new SplitMatrices(featureNames, target, train, validation, null);
    }
}
