package com.alphaleak.training.fit;

import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.metrics.RocAuc;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.lightgbm.NativeBooster;

/**
 * Scores of a LightGBM text model on one slice, computed by LightGBM itself (native, one thread)
 * and measured with the reference metrics.
 *
 * @param margins raw scores (log-odds) per row, in the slice's row order
 * @param prAuc   average precision of the margins
 * @param rocAuc  area under the ROC curve of the margins
 */
public record ModelEvaluation(double[] margins, double prAuc, double rocAuc, double baseRate) {

    public static ModelEvaluation of(String modelText, DenseMatrix slice) {
        try (NativeBooster b = NativeBooster.fromModelString(modelText)) {
            double[] m = b.predictMargins(slice, 0, 1);
            return new ModelEvaluation(m, AveragePrecision.of(m, slice.labels()), RocAuc.of(m, slice.labels()),
                    (double) slice.positives() / slice.rows());
        }
    }
}
