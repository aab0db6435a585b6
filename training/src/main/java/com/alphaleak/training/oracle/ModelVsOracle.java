package com.alphaleak.training.oracle;

import com.alphaleak.features.split.SplitSide;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.fit.ModelEvaluation;

import java.util.List;

/**
 * A trained model's calibrated probabilities next to the sample simulator's oracle on the slice
 * whose numbers the run reports: the untouched test (calibration) slice when the split has one,
 * else validation (selection-biased: it chose the iteration and the trial).
 */
public final class ModelVsOracle {
    private ModelVsOracle() {}

    /**
     * @param oracle the oracle probabilities of the model's dataset (read once for all its targets)
     */
    public static OracleComparison of(SharedOracleSlices oracle, SplitMatrices matrices, String modelText, PlattParameters platt,
                                      List<Double> thresholds) {
        boolean test = matrices.separateCalibration().isPresent();
        DenseMatrix slice = test ? matrices.calibration() : matrices.validation();
        String label = (test ? SplitSide.CALIBRATION : SplitSide.VALIDATION).label();
        OracleProbabilities.Slice oracleP = oracle.forTarget(matrices.target(), label, slice.labels());
        double[] margins = ModelEvaluation.of(modelText, slice).margins();
        double[] p = new double[margins.length];
        for (int i = 0; i < p.length; i++) p[i] = platt.apply(margins[i]);
        return OracleComparison.of(test ? "test" : "validation", p, oracleP.oracle(), oracleP.noForesight(), slice.labels(),
                thresholds);
    }
}
