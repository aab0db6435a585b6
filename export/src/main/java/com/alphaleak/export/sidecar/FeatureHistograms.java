package com.alphaleak.export.sidecar;

import com.alphaleak.model.ModelSidecar;
import com.alphaleak.training.data.DenseMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training-split histograms per feature, stored in the sidecar so the monitor can compute the
 * population stability index of live inputs against them. Edges are the distinct deciles of the
 * non-missing values (fewer bins for features with few distinct values); bin i holds
 * {@code edges[i-1] < x <= edges[i]}.
 */
public final class FeatureHistograms {
    public static final int DEFAULT_BINS = 10;

    private FeatureHistograms() {}

    public static List<ModelSidecar.FeatureDistribution> of(DenseMatrix m, List<String> names, int bins) {
        List<ModelSidecar.FeatureDistribution> out = new ArrayList<>();
        for (int c = 0; c < m.cols(); c++) {
            double[] v = new double[m.rows()];
            int n = 0;
            for (int r = 0; r < m.rows(); r++) {
                double x = m.get(r, c);
                if (!Double.isNaN(x)) v[n++] = x;
            }
            double missing = m.rows() == 0 ? 0 : (double) (m.rows() - n) / m.rows();
            double[] sorted = Arrays.copyOf(v, n);
            Arrays.sort(sorted);
            List<Double> edges = new ArrayList<>();
            for (int k = 1; k < bins && n > 0; k++) {
                double q = sorted[(int) Math.min(n - 1, Math.floor((double) k * n / bins))];
                if (edges.isEmpty() || q > edges.get(edges.size() - 1)) edges.add(q);
            }
            if (!edges.isEmpty() && edges.get(edges.size() - 1) >= sorted[n - 1]) edges.remove(edges.size() - 1);
            long[] counts = new long[edges.size() + 1];
            for (int i = 0; i < n; i++) counts[bin(edges, sorted[i])]++;
            List<Double> fractions = new ArrayList<>();
            for (long k : counts) fractions.add(n == 0 ? 0.0 : (double) k / n);
            out.add(new ModelSidecar.FeatureDistribution(names.get(c), edges, fractions, missing));
        }
        return out;
    }

    /** Index of the bin of {@code x}: the first edge {@code >= x}, or the last bin. */
    public static int bin(List<Double> edges, double x) {
        int lo = 0, hi = edges.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x <= edges.get(mid)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
