package com.alphaleak.export.lightgbm;

/**
 * One tree of a LightGBM model, as in its text format. Internal nodes are 0..n-2; a child index
 * {@code c < 0} is the leaf {@code ~c}. {@code decisionType} bits: 0 categorical, 1 default
 * left, 2-3 missing type (0 None, 1 Zero, 2 NaN). For categorical nodes {@code threshold} is the
 * index of the node's bitset in {@code catBoundaries}/{@code catThreshold}.
 * Leaf values already include the tree's shrinkage (LightGBM writes them that way).
 *
 * <p>The constructor refuses ({@link UnsupportedModelException}, naming the field) anything that
 * is not a well-formed binary tree, because the converted graph goes to ONNX Runtime, which hangs
 * on a cycle and aborts the process on a child index out of range: array lengths must fit
 * {@code numLeaves}, every child index must be in range and every internal node and every leaf
 * must be reached exactly once from the root (so the tree is acyclic and uses each leaf once),
 * decision types must be valid, categorical nodes must point at an existing bitset.
 */
public record LightGbmTree(int numLeaves, int[] splitFeature, double[] threshold, int[] decisionType,
                           int[] leftChild, int[] rightChild, double[] leafValue,
                           int[] catBoundaries, long[] catThreshold) {

    public LightGbmTree {
        validate(numLeaves, splitFeature, threshold, decisionType, leftChild, rightChild, leafValue, catBoundaries, catThreshold);
    }

    private static UnsupportedModelException bad(String field, String message) {
        return new UnsupportedModelException("field '" + field + "': " + message);
    }

    private static void validate(int numLeaves, int[] splitFeature, double[] threshold, int[] decisionType, int[] leftChild,
                                 int[] rightChild, double[] leafValue, int[] catBoundaries, long[] catThreshold) {
        if (numLeaves < 1) throw bad("num_leaves", numLeaves + " (a tree has at least one leaf)");
        if (leafValue.length != numLeaves) throw bad("leaf_value", leafValue.length + " leaf values for " + numLeaves + " leaves (num_leaves)");
        int internal = numLeaves - 1;
        String[] fields = {"split_feature", "threshold", "decision_type", "left_child", "right_child"};
        int[] lengths = {splitFeature.length, threshold.length, decisionType.length, leftChild.length, rightChild.length};
        for (int i = 0; i < fields.length; i++) {
            if (lengths[i] != internal) {
                throw bad(fields[i], lengths[i] + " values, expected " + internal + " (one per internal node: num_leaves - 1)");
            }
        }
        int bitsets = Math.max(0, catBoundaries.length - 1);
        for (int i = 0; i < catBoundaries.length; i++) {
            if (i == 0 ? catBoundaries[0] != 0 : catBoundaries[i] < catBoundaries[i - 1]) {
                throw bad("cat_boundaries", "must start at 0 and never decrease: " + java.util.Arrays.toString(catBoundaries));
            }
        }
        if (catBoundaries.length > 0 && catBoundaries[catBoundaries.length - 1] != catThreshold.length) {
            throw bad("cat_boundaries", "ends at " + catBoundaries[catBoundaries.length - 1] + " but cat_threshold has "
                    + catThreshold.length + " words");
        }
        for (int i = 0; i < catThreshold.length; i++) {
            if (catThreshold[i] < 0 || catThreshold[i] > 0xFFFFFFFFL) {
                throw bad("cat_threshold", "word " + i + " is " + catThreshold[i] + ", not a 32-bit unsigned bitset word");
            }
        }
        for (int n = 0; n < internal; n++) {
            if (splitFeature[n] < 0) throw bad("split_feature", "node " + n + " splits on feature " + splitFeature[n]);
            int dt = decisionType[n];
            if (dt < 0 || dt > 15 || missingType(dt) > MISSING_NAN) {
                throw bad("decision_type", "node " + n + " has " + dt + ", not a LightGBM decision type (categorical bit, "
                        + "default-left bit, missing type 0-2)");
            }
            double thr = threshold[n];
            if (isCategorical(dt)) {
                if (!(thr >= 0 && thr < bitsets && thr == Math.floor(thr))) {
                    throw bad("threshold", "node " + n + " is a categorical split whose bitset index "
                            + (thr == Math.rint(thr) && Math.abs(thr) < 1e15 ? Long.toString((long) thr) : Double.toString(thr))
                            + " does not exist (the tree has " + bitsets + " bitsets, num_cat=" + bitsets + ")");
                }
            } else if (Double.isNaN(thr)) {
                throw bad("threshold", "node " + n + " has a NaN threshold");
            }
        }
        checkStructure(numLeaves, leftChild, rightChild);
    }

    /** Walks from the root: every child in range, every node and leaf reached once, no cycle. */
    private static void checkStructure(int numLeaves, int[] left, int[] right) {
        int internal = numLeaves - 1;
        if (internal == 0) return;
        boolean[] nodeSeen = new boolean[internal];
        boolean[] leafSeen = new boolean[numLeaves];
        int[] parent = new int[internal];
        int[] stack = new int[internal];
        int top = 0;
        stack[top++] = 0;
        nodeSeen[0] = true;
        parent[0] = -1;
        while (top > 0) {
            int n = stack[--top];
            for (int side = 0; side < 2; side++) {
                String field = side == 0 ? "left_child" : "right_child";
                int c = side == 0 ? left[n] : right[n];
                if (c < 0) {
                    int leaf = ~c;
                    if (leaf >= numLeaves) {
                        throw bad(field, "node " + n + "'s child " + c + " is out of range (leaves are -1.." + -numLeaves + ")");
                    }
                    if (leafSeen[leaf]) throw bad(field, "leaf " + leaf + " (" + c + ") is reached more than once (again from node " + n + ")");
                    leafSeen[leaf] = true;
                    continue;
                }
                if (c == 0) throw bad(field, "node " + n + "'s child is node 0, the root (a cycle)");
                if (c >= internal) {
                    throw bad(field, "node " + n + "'s child " + c + " is out of range (internal nodes are 0.." + (internal - 1) + ")");
                }
                if (nodeSeen[c]) {
                    for (int a = n; a != -1; a = parent[a]) {
                        if (a == c) throw bad(field, "node " + n + "'s child " + c + " is " + (a == n ? "itself" : "its ancestor") + ": a cycle");
                    }
                    throw bad(field, "node " + c + " is reached more than once (again from node " + n + ")");
                }
                nodeSeen[c] = true;
                parent[c] = n;
                stack[top++] = c;
            }
        }
        for (int n = 0; n < internal; n++) {
            if (!nodeSeen[n]) throw bad("left_child/right_child", "node " + n + " is not reachable from the root");
        }
        for (int l = 0; l < numLeaves; l++) {
            if (!leafSeen[l]) throw bad("left_child/right_child", "leaf " + l + " is not reachable from the root");
        }
    }

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
