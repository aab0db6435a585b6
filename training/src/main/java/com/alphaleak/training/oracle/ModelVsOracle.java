package com.alphaleak.training.oracle;

import com.alphaleak.features.dataset.DatasetManifest;
import com.alphaleak.features.split.SplitSide;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.fit.ModelEvaluation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * A trained model's calibrated probabilities next to the sample simulator's oracle on the slice
 * whose numbers the run reports: the untouched test (calibration) slice when the split has one,
 * else validation (selection-biased: it chose the iteration and the trial).
 */
public final class ModelVsOracle {
    private ModelVsOracle() {}

    /**
     * @param dataset    the training set's rows (all slices)
     * @param oracle     {@code tables.oracle}
     * @param entityKind {@code signal} or {@code token}
     */
    public static OracleComparison of(Dataset<Row> dataset, Dataset<Row> oracle, String entityKind, DatasetManifest m,
                                      SplitMatrices matrices, String modelText, PlattParameters platt, List<Double> thresholds) {
        boolean test = matrices.separateCalibration().isPresent();
        DenseMatrix slice = test ? matrices.calibration() : matrices.validation();
        String label = (test ? SplitSide.CALIBRATION : SplitSide.VALIDATION).label();
        OracleProbabilities.Slice oracleP = OracleProbabilities.of(slice.labels(), dataset, oracle, entityKind, matrices.target(), m.idColumn(),
                m.timeColumn(), m.splitColumn(), label);
        double[] margins = ModelEvaluation.of(modelText, slice).margins();
        double[] p = new double[margins.length];
        for (int i = 0; i < p.length; i++) p[i] = platt.apply(margins[i]);
        return OracleComparison.of(test ? "test" : "validation", p, oracleP.oracle(), oracleP.noForesight(), slice.labels(),
                thresholds);
    }
}
