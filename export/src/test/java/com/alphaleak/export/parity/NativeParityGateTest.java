package com.alphaleak.export.parity;

import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmModelParser;
import com.alphaleak.export.onnx.EdgeRows;
import com.alphaleak.export.onnx.OnnxTreeEnsembleWriter;
import com.alphaleak.export.onnx.Precision;
import com.alphaleak.training.calibration.PlattParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeParityGateTest {
    private static final PlattParameters PLATT = new PlattParameters(0.8, -0.4);

    private static double[][] rows(TrainedModels.Trained t, LightGbmModel model, int edge) {
        double[][] edges = EdgeRows.generate(model, edge, 17);
        double[][] out = new double[t.data().rows() + edges.length][];
        for (int i = 0; i < t.data().rows(); i++) out[i] = t.data().row(i);
        System.arraycopy(edges, 0, out, t.data().rows(), edges.length);
        return out;
    }

    @Test
    void float64ExportsOfRealLightGbmModelsMatchLightGbmBitForBit() {
        List<String> seen = new ArrayList<>();
        boolean singleLeaf = false, categorical = false, zeroMissing = false, noneMissing = false;
        for (TrainedModels.Trained t : TrainedModels.variety()) {
            LightGbmModel model = LightGbmModelParser.parse(t.text());
            singleLeaf |= t.text().contains("num_leaves=1\n");
            categorical |= t.text().contains("num_cat=") && !t.text().contains("num_cat=0\n");
            zeroMissing |= t.settings().contains("zero_as_missing");
            noneMissing |= t.settings().contains("use_missing=false");
            byte[] onnx = OnnxTreeEnsembleWriter.of(model).precision(Precision.FLOAT64).platt(PLATT.a(), PLATT.b()).toBytes();
            double[][] rows = rows(t, model, 10_000);
            ParityResult r = NativeParityGate.check(t.text(), onnx, Precision.FLOAT64, rows, 10_000, 0.0, model.sigmoid(), PLATT);
            assertTrue(r.rows() >= 10_000);
            assertEquals(0, r.differingRows(), t.settings() + ": " + r.summary());
            assertEquals(0.0, r.maxAbsMarginDiff(), t.settings());
            assertTrue(r.maxAbsProbabilityDiff() < 1e-15 && r.maxAbsCalibratedDiff() < 1e-15, r.summary());
            seen.add(t.settings());
        }
        assertTrue(singleLeaf, "some trained model has a single-leaf tree: " + seen);
        assertTrue(categorical, "some trained model has categorical splits");
        assertTrue(zeroMissing && noneMissing);
    }

    @Test
    void float32ExportsTakeTheSameBranchesAsLightGbmOnFloatInputs() {
        for (TrainedModels.Trained t : TrainedModels.variety()) {
            LightGbmModel model = LightGbmModelParser.parse(t.text());
            byte[] onnx = OnnxTreeEnsembleWriter.of(model).precision(Precision.FLOAT32).platt(PLATT.a(), PLATT.b()).toBytes();
            ParityResult r = NativeParityGate.check(t.text(), onnx, Precision.FLOAT32, rows(t, model, 10_000), 10_000, 0.0,
                    model.sigmoid(), PLATT);
            // a branch flip moves the margin by a whole leaf value, far beyond float rounding
            assertEquals(0, r.differingRows(), t.settings() + ": " + r.summary());
        }
    }

    /** boosting=rf models (LightGBM's average_output), trained here with bagging as rf requires. */
    static List<TrainedModels.Trained> randomForests() {
        return List.of(
                TrainedModels.train(11, 3000, 6, "boosting=rf bagging_freq=1 bagging_fraction=0.7 num_leaves=31", 30),
                TrainedModels.train(12, 2000, 5, "boosting=rf bagging_freq=1 bagging_fraction=0.5 feature_fraction=0.7 num_leaves=8 sigmoid=0.6", 12));
    }

    @Test
    void randomForestExportsMatchLightGbmOnEveryOutput() {
        for (TrainedModels.Trained t : randomForests()) {
            assertTrue(t.text().contains("\naverage_output\n"), "rf models are average_output models");
            LightGbmModel model = LightGbmModelParser.parse(t.text());
            for (Precision p : Precision.values()) {
                byte[] onnx = OnnxTreeEnsembleWriter.of(model).precision(p).platt(PLATT.a(), PLATT.b()).toBytes();
                ParityResult r = NativeParityGate.check(t.text(), onnx, p, rows(t, model, 5_000), 5_000, 0.0, model.sigmoid(), PLATT);
                assertEquals(0, r.differingRows(), t.settings() + " " + p + ": " + r.summary());
                if (p == Precision.FLOAT64) {
                    assertEquals(0.0, r.maxAbsMarginDiff(), r.summary());
                    assertTrue(r.maxAbsProbabilityDiff() < 1e-15 && r.maxAbsCalibratedDiff() < 1e-15, r.summary());
                }
            }
        }
    }

    @Test
    void aWrongProbabilityIsCaughtEvenWhenTheMarginsAgree() {
        // The converter's old rf bug: margins right (LightGBM's raw score is the sum), probability the
        // sigmoid of the sum instead of the average. The gate must compare probabilities with LightGBM's.
        TrainedModels.Trained t = randomForests().get(0);
        LightGbmModel model = LightGbmModelParser.parse(t.text());
        LightGbmModel asIfBoosted = LightGbmModelParser.parse(t.text().replace("\naverage_output\n", "\n"));
        byte[] onnx = OnnxTreeEnsembleWriter.of(asIfBoosted).platt(PLATT.a(), PLATT.b()).toBytes();
        ParityResult r = NativeParityGate.check(t.text(), onnx, Precision.FLOAT64, rows(t, model, 1000), 1000, 0.0,
                model.sigmoid(), PLATT);
        assertEquals(0.0, r.maxAbsMarginDiff(), "the margins agree: " + r.summary());
        assertTrue(r.maxAbsProbabilityDiff() > 0.01, r.summary());
        assertTrue(r.differingRows() > 0 && !r.passed(), "a wrong probability must fail the gate: " + r.summary());
    }

    @Test
    void aWrongCalibratedProbabilityIsCaught() {
        TrainedModels.Trained t = TrainedModels.train(5, 80, 4, "num_leaves=4 min_data_in_leaf=30 learning_rate=0.5", 20);
        LightGbmModel model = LightGbmModelParser.parse(t.text());
        byte[] onnx = OnnxTreeEnsembleWriter.of(model).platt(PLATT.a(), PLATT.b() + 0.01).toBytes();
        ParityResult r = NativeParityGate.check(t.text(), onnx, Precision.FLOAT64, rows(t, model, 1000), 1000, 0.0,
                model.sigmoid(), PLATT);
        assertTrue(r.differingRows() > 0 && !r.passed(), "Platt b off by 0.01 must fail the gate: " + r.summary());
    }

    @Test
    void aWrongConversionIsCaught() {
        TrainedModels.Trained t = TrainedModels.variety().get(0);
        LightGbmModel model = LightGbmModelParser.parse(t.text());
        // A changed leaf changes the tree's byte size; without tree_sizes the text still parses.
        String shifted = t.text().replaceFirst("tree_sizes=[^\n]*\n", "").replaceFirst("leaf_value=(\\S+)", "leaf_value=0.125");
        byte[] onnx = OnnxTreeEnsembleWriter.of(LightGbmModelParser.parse(shifted)).toBytes();
        ParityResult r = NativeParityGate.check(t.text(), onnx, Precision.FLOAT64, rows(t, model, 1000), 1000, 0.0,
                model.sigmoid(), PLATT);
        assertTrue(r.differingRows() > 0, "a changed leaf must show up: " + r.summary());
        assertTrue(!r.passed());
    }
}
