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
