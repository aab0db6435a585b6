package com.alphaleak.export.onnx;

import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rows that probe every way a converted tree could disagree with LightGBM: values exactly on,
 * just above and just below each split threshold, NaN, both zeros, values inside LightGBM's
 * zero threshold, huge values, and for categorical splits members, non-members, fractional and
 * negative categories and categories beyond the bitset.
 */
public final class EdgeRows {
    private EdgeRows() {}

    public static double[][] generate(LightGbmModel model, int rows, long seed) {
        int f = model.numFeatures();
        List<List<Double>> probes = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            probes.add(new ArrayList<>(List.of(Double.NaN, 0.0, -0.0, 1e-36, -1e-36, 1e300, -1e300, 1.0, -1.0)));
        }
        for (LightGbmTree t : model.trees()) {
            for (int n = 0; n < t.internalNodes(); n++) {
                List<Double> p = probes.get(t.splitFeature()[n]);
                if (LightGbmTree.isCategorical(t.decisionType()[n])) {
                    int words = t.catWords(n);
                    for (int c : t.categories(n)) p.add((double) c);
                    p.addAll(List.of(32.0 * words, 32.0 * words + 1, 0.5, -0.5, 2.7, 1e10));
                } else {
                    double thr = t.threshold()[n];
                    p.addAll(List.of(thr, Math.nextUp(thr), Math.nextDown(thr)));
                }
            }
        }
        Random rnd = new Random(seed);
        double[][] out = new double[rows][f];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < f; i++) {
                List<Double> p = probes.get(i);
                out[r][i] = rnd.nextInt(5) == 0 ? rnd.nextGaussian() * 10 : p.get(rnd.nextInt(p.size()));
            }
        }
        return out;
    }
}
