package com.alphaleak.export.lightgbm;

/**
 * One tree of a LightGBM model, as in its text format. Internal nodes are 0..n-2; a child index
 * {@code c < 0} is the leaf {@code ~c}. {@code decisionType} bits: 0 categorical, 1 default
 * left, 2-3 missing type (0 None, 1 Zero, 2 NaN). For categorical nodes {@code threshold} is the
 * index of the node's bitset in {@code catBoundaries}/{@code catThreshold}.
 * Leaf values already include the tree's shrinkage (LightGBM writes them that way).
 */
public record LightGbmTree(int numLeaves, int[] splitFeature, double[] threshold, int[] decisionType,
                           int[] leftChild, int[] rightChild, double[] leafValue,
                           int[] catBoundaries, long[] catThreshold) {

    public static final int MISSING_NONE = 0;
    public static final int MISSING_ZERO = 1;
    public static final int MISSING_NAN = 2;
    /** LightGBM's kZeroThreshold (a float constant, widened to double). */
    public static final double ZERO_THRESHOLD = (double) 1e-35f;

    public int internalNodes() {
        return numLeaves - 1;
    }

    public static boolean isCategorical(int decisionType) {
        return (decisionType & 1) != 0;
    }

    public static boolean defaultLeft(int decisionType) {
        return (decisionType & 2) != 0;
    }

    public static int missingType(int decisionType) {
        return (decisionType >> 2) & 3;
    }

    /** Categories (non-negative ints) whose bit is set in a categorical node's bitset. */
    public int[] categories(int node) {
        int idx = (int) threshold[node];
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int w = catBoundaries[idx]; w < catBoundaries[idx + 1]; w++) {
            for (int bit = 0; bit < 32; bit++) {
                if (((catThreshold[w] >>> bit) & 1L) != 0) out.add((w - catBoundaries[idx]) * 32 + bit);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Size of a categorical node's bitset in 32-bit words. */
    public int catWords(int node) {
        int idx = (int) threshold[node];
        return catBoundaries[idx + 1] - catBoundaries[idx];
    }

    /** LightGBM's decision for one feature value at one internal node: true = left. */
    public boolean goesLeft(int node, double x) {
        int dt = decisionType[node];
        int missing = missingType(dt);
        if (isCategorical(dt)) {
            int v;
            if (Double.isNaN(x)) {
                // LightGBM's source reads "NaN is category 0 unless NaN is the missing type", but it
                // casts to int first: static_cast<int>(NaN) is INT_MIN on x86-64, so the "negative goes
                // right" test fires before the NaN test. Compiled LightGBM sends NaN right, always
                // (checked against lightgbmlib by NativeParityGateTest with zero_as_missing models).
                return false;
            } else {
                // C++ static_cast<int>: truncation toward zero; out-of-range values end up negative.
                if (x >= 2147483648.0 || x <= -2147483649.0) return false;
                v = (int) x;
                if (v < 0) return false;
            }
            int idx = (int) threshold[node];
            int word = v / 32;
            int words = catBoundaries[idx + 1] - catBoundaries[idx];
            return word < words && ((catThreshold[catBoundaries[idx] + word] >>> (v % 32)) & 1L) != 0;
        }
        if (Double.isNaN(x) && missing != MISSING_NAN) x = 0.0;
        if ((missing == MISSING_ZERO && x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD) || (missing == MISSING_NAN && Double.isNaN(x))) {
            return defaultLeft(dt);
        }
        return x <= threshold[node];
    }

    /** The leaf value a row reaches. */
    public double predict(double[] row) {
        if (numLeaves == 1) return leafValue[0];
        int node = 0;
        while (true) {
            int next = goesLeft(node, row[splitFeature[node]]) ? leftChild[node] : rightChild[node];
            if (next < 0) return leafValue[~next];
            node = next;
        }
    }
}
