package com.alphaleak.export.sidecar;

import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.metrics.AveragePrecisionInterval;
import com.alphaleak.model.ModelSidecar;
import com.alphaleak.training.calibration.PlattCalibrator;
import com.alphaleak.training.calibration.PlattParameters;
import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.fit.FinalModel;
import com.alphaleak.training.fit.ModelEvaluation;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.LightGbmParams;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.search.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarMetricsTest {

    @Test
    void withATestSliceTheReportedMetricsComeFromItAndTheSelectionBiasIsMeasured() {
        SplitMatrices m = matrices(true);
        FinalModel fm = model(m);
        DenseMatrix test = m.calibration();
        ModelEvaluation onTest = ModelEvaluation.of(fm.modelText(), test);
        PlattParameters platt = PlattCalibrator.fit(onTest.margins(), test.labels()).parameters();

        ModelSidecar.Metrics x = SidecarAssembler.metrics(fm, m, platt);

        assertEquals("test", x.slice());
        assertFalse(x.selectionBiased());
        assertEquals(AveragePrecision.of(onTest.margins(), test.labels()), x.prAucRaw(), 1e-12, "top level = test slice");
        assertEquals(x.test().prAucRaw(), x.prAucRaw());
        assertEquals(test.rows(), x.test().rows());
        assertEquals(fm.validation().prAuc(), x.validation().prAucRaw(), 1e-12);
        assertEquals(fm.bestTrial().value(), x.selectionBias().bestTrialValidationPrAuc());
        assertEquals(fm.bestTrial().value() - x.test().prAucRaw(), x.selectionBias().difference(), 1e-12);
        assertTrue(x.test().eceCalibrated() >= 0 && x.test().eceCalibrated() < 0.2, "ECE " + x.test().eceCalibrated());
        assertEquals(AveragePrecisionInterval.of(onTest.margins(), test.labels()), x.test().prAucInterval(), "the test slice's bootstrap interval");
        assertTrue(x.test().prAucInterval().contains(x.test().prAucRaw()), x.test().prAucInterval() + " vs " + x.test().prAucRaw());
        assertTrue(x.validation().prAucInterval().contains(x.validation().prAucRaw()), x.validation().prAucInterval().toString());
    }

    @Test
    void withoutATestSliceTheValidationMetricsAreMarkedSelectionBiased() {
        SplitMatrices m = matrices(false);
        FinalModel fm = model(m);
        PlattParameters platt = PlattCalibrator.fit(fm.validation().margins(), m.validation().labels()).parameters();

        ModelSidecar.Metrics x = SidecarAssembler.metrics(fm, m, platt);

        assertEquals("validation", x.slice());
        assertTrue(x.selectionBiased());
        assertEquals(fm.validation().prAuc(), x.prAucRaw(), 1e-12);
        assertNull(x.test());
        assertNull(x.selectionBias().difference());
        assertTrue(x.selectionBias().note().contains("selection-biased"));
    }

    private static SplitMatrices matrices(boolean withTest) {
        Random r = new Random(7);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 6; c++) names.add("f" + c);
        return new SplitMatrices(names, "reach_2x_1h", matrix(r, 3000), matrix(r, 1000), withTest ? matrix(r, 1000) : null);
    }

    /** A noisy learnable problem: logit = 1.2 f0 + 0.6 f1 - 2.5 plus noise features. */
    private static DenseMatrix matrix(Random r, int rows) {
        double[] v = new double[rows * 6];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 6; c++) v[i * 6 + c] = r.nextGaussian();
            double logit = 1.2 * v[i * 6] + 0.6 * v[i * 6 + 1] - 2.5;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new DenseMatrix(rows, 6, v, y);
    }

    private static FinalModel model(SplitMatrices m) {
        Map<String, Object> params = Map.of("num_leaves", 7, "learning_rate", 0.1);
        String p = LightGbmParams.binary(1, 1, 1.0).setAll(params).toString();
        TrainingRun run = EarlyStoppingTrainer.train(m.forTrials(), p, 60, 10, true);
        TrialResult best = new TrialResult(0, params, TrialResult.Status.COMPLETE, run.bestScore(), run.bestIteration(),
                run.iterations(), 0, "driver", 1, null, run.modelSha256());
        ModelEvaluation v = ModelEvaluation.of(run.modelText(), m.validation());
        return new FinalModel(run.modelText(), params, run.bestIteration(), run.bestIteration(), 1.0, v, best,
                v.prAuc() - best.value(), "test", 0);
    }
}
