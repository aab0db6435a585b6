package com.alphaleak.training.data;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The slices of one training set for one target, as matrices in the order of {@code featureNames}.
 *
 * @param calibration present only when the dataset has a separate calibration slice
 */
public record SplitMatrices(List<String> featureNames, String target, DenseMatrix train, DenseMatrix validation,
                            Optional<DenseMatrix> calibration) implements Serializable {
    /** Negatives / positives of the training slice: LightGBM's {@code scale_pos_weight} for balance. */
    public double balancedScalePosWeight() {
        long pos = train.positives();
        return pos == 0 ? 1.0 : (double) (train.rows() - pos) / pos;
    }

    /** The slice Platt scaling is fitted on: calibration when configured, else validation. */
    public DenseMatrix calibrationSlice() {
        return calibration.orElse(validation);
    }
}
