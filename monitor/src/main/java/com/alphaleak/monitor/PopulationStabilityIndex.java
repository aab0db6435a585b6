package com.alphaleak.monitor;

import com.alphaleak.model.ModelSidecar;

import java.util.List;

/**
 * Population stability index of one feature against its training histogram from the model
 * sidecar: {@code PSI = sum_i (a_i - e_i) * ln(a_i / e_i)} over the missing bucket and the
 * sidecar's bins, where e is the training share and a the live share.
 *
 * <p>Buckets: index 0 is missing (null or NaN), expected share {@code missing_fraction}; index
 * {@code i + 1} is the sidecar's bin i ({@code edges[i-1] < x <= edges[i]}), expected share
 * {@code (1 - missing_fraction) * fractions[i]}. A share of exactly 0 (a bin empty in training
 * or live) is replaced by {@link #EPSILON} = 1e-4 before the formula, so the index stays finite;
 * a bucket empty on both sides contributes 0. With 1e-4 an empty-in-training bucket that holds
 * 1 % of live rows adds about 0.046 (half the watch level), 5 % adds about 0.32 (above act):
 * a new value range must be material before it alarms.
 */
public final class PopulationStabilityIndex {
    private PopulationStabilityIndex() {}

    public static final double EPSILON = 1e-4;

    /** Bucket of a value: 0 = missing, else 1 + number of inner edges strictly below x. */
    public static int bucketOf(List<Double> edges, double x) {
        if (Double.isNaN(x)) return 0;
        int lo = 0, hi = edges.size();
        while (lo < hi) { // first edge >= x
            int mid = (lo + hi) >>> 1;
            if (edges.get(mid) < x) lo = mid + 1; else hi = mid;
        }
        return 1 + lo;
    }

    /** Expected shares by bucket (missing first), from the sidecar. */
    public static double[] expected(ModelSidecar.FeatureDistribution d) {
        double[] e = new double[d.fractions().size() + 1];
        e[0] = d.missingFraction();
        double total = 0;
        for (double f : d.fractions()) total += f;
        for (int i = 0; i < d.fractions().size(); i++) {
            // fractions are over non-missing rows and should sum to 1; renormalise rounding.
            e[i + 1] = (1 - d.missingFraction()) * (total > 0 ? d.fractions().get(i) / total : 0);
        }
        return e;
    }

    /** @param counts live rows by bucket (missing first), length fractions + 1 */
    public static double of(ModelSidecar.FeatureDistribution d, long[] counts) {
        double[] e = expected(d);
        if (counts.length != e.length) {
            throw new IllegalArgumentException("feature " + d.feature() + ": " + counts.length + " live buckets, "
                    + e.length + " expected (missing + " + d.fractions().size() + " bins)");
        }
        long total = 0;
        for (long c : counts) total += c;
        if (total == 0) return Double.NaN;
        double psi = 0;
        for (int i = 0; i < e.length; i++) {
            double a = (double) counts[i] / total;
            if (a == 0 && e[i] == 0) continue;
            double ai = Math.max(a, EPSILON);
            double ei = Math.max(e[i], EPSILON);
            psi += (ai - ei) * Math.log(ai / ei);
        }
        return psi;
    }

    /** Live bucket counts of raw values (NaN = missing). */
    public static long[] counts(ModelSidecar.FeatureDistribution d, double[] values) {
        long[] c = new long[d.fractions().size() + 1];
        for (double v : values) c[bucketOf(d.edges(), v)]++;
        return c;
    }
}
