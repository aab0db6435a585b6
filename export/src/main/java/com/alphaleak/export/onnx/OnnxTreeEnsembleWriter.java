package com.alphaleak.export.onnx;

import com.alphaleak.export.lightgbm.LightGbmModel;
import com.alphaleak.export.lightgbm.LightGbmTree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts a {@link LightGbmModel} to an ONNX model with an {@code ai.onnx.ml} opset 5
 * {@code TreeEnsemble} in double precision.
 *
 * <p>Graph: input {@value #INPUT} [N, F] → (features with the Zero missing type: values within
 * LightGBM's zero threshold become NaN, so the default side is taken as LightGBM takes it;
 * categorical features: truncated toward zero as C++ casts them) → TreeEnsemble (sum of leaf
 * values in tree order, SUM aggregate; categorical splits read a membership column, see
 * {@link #appendMembership}) → outputs, each [N, 1]:
 * <ul>
 *   <li>{@value #MARGIN}: the raw score (log-odds), LightGBM's {@code raw_score} prediction;</li>
 *   <li>{@value #PROBABILITY}: LightGBM's probability, {@code 1 / (1 + exp(-k * margin))} with the
 *       objective's sigmoid k; for {@code average_output} models ({@code boosting=rf})
 *       {@code 1 / (1 + exp(-k * margin / trees))}, since LightGBM's raw score is the sum of the
 *       trees and its probability the sigmoid of their average;</li>
 *   <li>{@value #CALIBRATED}: {@code 1 / (1 + exp(-(a * margin + b)))} with the Platt parameters given.</li>
 * </ul>
 * Works around ONNX Runtime's tree-ensemble pitfalls: {@code post_transform} is not used (the
 * sigmoids are separate nodes), and a single-leaf tree is written as a split whose two leaves hold
 * the same value.
 */
public final class OnnxTreeEnsembleWriter {
    public static final String INPUT = "features";
    public static final String MARGIN = "margin";
    public static final String PROBABILITY = "probability";
    public static final String CALIBRATED = "calibrated_probability";
    static final String ML = "ai.onnx.ml";
    private static final int BRANCH_LEQ = 0;

    private final LightGbmModel model;
    private Precision precision = Precision.FLOAT64;
    private double plattA = 1.0;
    private double plattB = 0.0;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private OnnxTreeEnsembleWriter(LightGbmModel model) {
        this.model = Objects.requireNonNull(model);
    }

    public static OnnxTreeEnsembleWriter of(LightGbmModel model) {
        return new OnnxTreeEnsembleWriter(model);
    }

    public OnnxTreeEnsembleWriter precision(Precision p) {
        this.precision = Objects.requireNonNull(p);
        return this;
    }

    /** Platt parameters of the calibrated output, convention {@code sigmoid(a * margin + b)}. */
    public OnnxTreeEnsembleWriter platt(double a, double b) {
        this.plattA = a;
        this.plattB = b;
        return this;
    }

    /** Provenance stored in the model's metadata_props (model id, target, feature names, ...). */
    public OnnxTreeEnsembleWriter metadata(Map<String, String> entries) {
        metadata.putAll(entries);
        return this;
    }

    public byte[] toBytes() {
        OnnxGraph g = new OnnxGraph();
        int f = model.numFeatures();
        int elem = precision == Precision.FLOAT64 ? OnnxGraph.DOUBLE : OnnxGraph.FLOAT;
        g.input(INPUT, elem, "N", String.valueOf(f));
        String x = INPUT;
        if (precision == Precision.FLOAT32) {
            x = g.fresh("x_double");
            g.node("Cast", "", List.of(INPUT), List.of(x), List.of(OnnxGraph.attrInt("to", OnnxGraph.DOUBLE)));
        }
        x = preprocess(g, x, f);
        Ensemble e = ensemble();
        x = appendMembership(g, x, e.categoricalNodes);
        String margin = precision == Precision.FLOAT64 ? MARGIN : g.fresh("margin_double");
        List<Proto> attributes = new ArrayList<>(List.of(
                OnnxGraph.attrInt("aggregate_function", 1),
                OnnxGraph.attrInt("n_targets", 1),
                OnnxGraph.attrInt("post_transform", 0),
                OnnxGraph.attrInts("tree_roots", e.roots),
                OnnxGraph.attrInts("nodes_featureids", e.features),
                OnnxGraph.attrTensor("nodes_modes", OnnxGraph.tensor("", OnnxGraph.UINT8, new long[]{e.modes.length}, OnnxGraph.uint8s(e.modes))),
                OnnxGraph.attrTensor("nodes_splits", OnnxGraph.tensor("", OnnxGraph.DOUBLE, new long[]{e.splits.length}, OnnxGraph.doubles(e.splits))),
                OnnxGraph.attrInts("nodes_truenodeids", e.trueIds),
                OnnxGraph.attrInts("nodes_trueleafs", e.trueLeafs),
                OnnxGraph.attrInts("nodes_falsenodeids", e.falseIds),
                OnnxGraph.attrInts("nodes_falseleafs", e.falseLeafs),
                OnnxGraph.attrInts("nodes_missing_value_tracks_true", e.missingTrue),
                OnnxGraph.attrInts("leaf_targetids", new long[e.leafWeights.length]),
                OnnxGraph.attrTensor("leaf_weights", OnnxGraph.tensor("", OnnxGraph.DOUBLE, new long[]{e.leafWeights.length}, OnnxGraph.doubles(e.leafWeights)))));
        g.node("TreeEnsemble", ML, List.of(x), List.of(margin), attributes);
        String prob = precision == Precision.FLOAT64 ? PROBABILITY : g.fresh("probability_double");
        String cal = precision == Precision.FLOAT64 ? CALIBRATED : g.fresh("calibrated_double");
        String logOdds = margin;
        if (model.averageOutput()) {
            // boosting=rf: LightGBM's raw score (margin) is the sum of the trees, its probability the
            // sigmoid of their average; divide as LightGBM does (sum / number of trees, in double).
            logOdds = g.fresh("average");
            String n = g.constant("tree_count", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{model.trees().size()}));
            g.node("Div", "", List.of(margin, n), List.of(logOdds), List.of());
        }
        sigmoid(g, logOdds, model.sigmoid(), 0.0, prob);
        sigmoid(g, margin, plattA, plattB, cal);
        if (precision == Precision.FLOAT32) {
            g.node("Cast", "", List.of(margin), List.of(MARGIN), List.of(OnnxGraph.attrInt("to", OnnxGraph.FLOAT)));
            g.node("Cast", "", List.of(prob), List.of(PROBABILITY), List.of(OnnxGraph.attrInt("to", OnnxGraph.FLOAT)));
            g.node("Cast", "", List.of(cal), List.of(CALIBRATED), List.of(OnnxGraph.attrInt("to", OnnxGraph.FLOAT)));
        }
        for (String out : List.of(MARGIN, PROBABILITY, CALIBRATED)) g.output(out, elem, "N", "1");
        g.metadata("converter", "alphaleak OnnxTreeEnsembleWriter");
        g.metadata("precision", precision.name().toLowerCase());
        g.metadata("platt_convention", "p = 1 / (1 + exp(-(a * margin + b)))");
        g.metadata("platt_a", Double.toString(plattA));
        g.metadata("platt_b", Double.toString(plattB));
        g.metadata("probability_formula", model.averageOutput()
                ? "p = 1 / (1 + exp(-k * margin / trees)), k = " + model.sigmoid() + ", trees = " + model.trees().size()
                + " (LightGBM average_output: margin is the raw score, the sum of the trees)"
                : "p = 1 / (1 + exp(-k * margin)), k = " + model.sigmoid());
        g.metadata("feature_names", String.join(",", model.featureNames()));
        metadata.forEach(g::metadata);
        return g.toModel("lightgbm_tree_ensemble", version(), "LightGBM binary model: " + model.trees().size() + " trees, " + f + " features");
    }

    private static String version() {
        String v = OnnxTreeEnsembleWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** {@code out = sigmoid(scale * in + shift)} in double. */
    private static void sigmoid(OnnxGraph g, String in, double scale, double shift, String out) {
        String s = g.constant("scale", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{scale}));
        String b = g.constant("shift", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{shift}));
        String mul = g.fresh("scaled");
        String add = g.fresh("shifted");
        g.node("Mul", "", List.of(in, s), List.of(mul), List.of());
        g.node("Add", "", List.of(mul, b), List.of(add), List.of());
        g.node("Sigmoid", "", List.of(add), List.of(out), List.of());
    }

    /** Zero-missing features: |x| <= zero threshold becomes NaN; categorical features: truncated toward zero. */
    private String preprocess(OnnxGraph g, String x, int f) {
        boolean[] zeroMissing = new boolean[f];
        boolean[] categorical = new boolean[f];
        for (LightGbmTree t : model.trees()) {
            for (int n = 0; n < t.internalNodes(); n++) {
                int dt = t.decisionType()[n];
                if (LightGbmTree.isCategorical(dt)) categorical[t.splitFeature()[n]] = true;
                else if (LightGbmTree.missingType(dt) == LightGbmTree.MISSING_ZERO) zeroMissing[t.splitFeature()[n]] = true;
            }
        }
        long[] row = {1, f};
        String current = x;
        {
            // LightGBM's dense-row predictor drops every value with |x| <= kZeroThreshold before the
            // trees see it, so such values are exactly 0 for every split (found by the native parity
            // gate: -1e-35 went left of a -kZeroThreshold split in ONNX and right in LightGBM).
            String abs = g.fresh("abs");
            g.node("Abs", "", List.of(current), List.of(abs), List.of());
            String eps = g.constant("zero_threshold", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{LightGbmTree.ZERO_THRESHOLD}));
            String tiny = g.fresh("tiny");
            g.node("LessOrEqual", "", List.of(abs, eps), List.of(tiny), List.of());
            String zero = g.constant("snap_zero", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{0.0}));
            String next = g.fresh("x_snapped");
            g.node("Where", "", List.of(tiny, zero, current), List.of(next), List.of());
            current = next;
        }
        if (any(zeroMissing)) {
            String abs = g.fresh("abs");
            g.node("Abs", "", List.of(current), List.of(abs), List.of());
            String eps = g.constant("zero_missing_threshold", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{LightGbmTree.ZERO_THRESHOLD}));
            String small = g.fresh("small");
            g.node("LessOrEqual", "", List.of(abs, eps), List.of(small), List.of());
            String mask = g.constant("zero_missing_columns", OnnxGraph.BOOL, row, OnnxGraph.bools(zeroMissing));
            String both = g.fresh("as_missing");
            g.node("And", "", List.of(small, mask), List.of(both), List.of());
            String nan = g.constant("nan", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{Double.NaN}));
            String next = g.fresh("x_zero");
            g.node("Where", "", List.of(both, nan, current), List.of(next), List.of());
            current = next;
        }
        if (any(categorical)) {
            String abs = g.fresh("abs");
            String floor = g.fresh("floor");
            String sign = g.fresh("sign");
            String trunc = g.fresh("trunc");
            String plusZero = g.fresh("trunc_pos_zero");
            g.node("Abs", "", List.of(current), List.of(abs), List.of());
            g.node("Floor", "", List.of(abs), List.of(floor), List.of());
            g.node("Sign", "", List.of(current), List.of(sign), List.of());
            g.node("Mul", "", List.of(sign, floor), List.of(trunc), List.of());
            // -0.0 + 0.0 = +0.0: a value in (-1, 0) is category 0 for LightGBM.
            String zero = g.constant("zero", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{0.0}));
            g.node("Add", "", List.of(trunc, zero), List.of(plusZero), List.of());
            String mask = g.constant("categorical_columns", OnnxGraph.BOOL, row, OnnxGraph.bools(categorical));
            String next = g.fresh("x_cat");
            g.node("Where", "", List.of(mask, plusZero, current), List.of(next), List.of());
            current = next;
        }
        return current;
    }

    /**
     * Categorical splits become a lookup instead of BRANCH_MEMBER sets: each categorical node gets
     * a column, 1.0 when LightGBM would go left. One Gather picks the nodes' feature values and one
     * lookup in a table of all nodes' bitsets (two extra slots per node: NaN, out of range) applies
     * every LightGBM rule at once: the int cast, negatives and values beyond the bitset go right,
     * NaN goes right (compiled LightGBM's behaviour, whatever the missing type).
     */
    private static String appendMembership(OnnxGraph g, String x, List<CategoricalNode> nodes) {
        if (nodes.isEmpty()) return x;
        int c = nodes.size();
        long[] featureIdx = new long[c];
        double[] sizes = new double[c];
        double[] offsets = new double[c];
        List<Double> table = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            CategoricalNode n = nodes.get(i);
            featureIdx[i] = n.feature();
            int size = 32 * n.words();
            sizes[i] = size;
            offsets[i] = table.size();
            double[] slots = new double[size + 2];
            for (int cat : n.categories()) slots[cat] = 1.0;
            slots[size] = 0.0; // NaN goes right, as compiled LightGBM does (see LightGbmTree.goesLeft)
            slots[size + 1] = 0.0; // negative or beyond the bitset: right
            for (double v : slots) table.add(v);
        }
        long[] row = {1, c};
        String idx = g.constant("categorical_features", OnnxGraph.INT64, new long[]{c}, OnnxGraph.int64s(featureIdx));
        String values = g.fresh("categorical_values");
        g.node("Gather", "", List.of(x, idx), List.of(values), List.of(OnnxGraph.attrInt("axis", 1)));
        String zero = g.constant("zero", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{0.0}));
        String one = g.constant("one", OnnxGraph.DOUBLE, new long[0], OnnxGraph.doubles(new double[]{1.0}));
        String size = g.constant("bitset_sizes", OnnxGraph.DOUBLE, row, OnnxGraph.doubles(sizes));
        String offset = g.constant("table_offsets", OnnxGraph.DOUBLE, row, OnnxGraph.doubles(offsets));
        String lookup = g.constant("membership_table", OnnxGraph.DOUBLE, new long[]{table.size()},
                OnnxGraph.doubles(table.stream().mapToDouble(Double::doubleValue).toArray()));
        String isNan = g.fresh("is_nan");
        String clean = g.fresh("clean");
        String negative = g.fresh("negative");
        String beyond = g.fresh("beyond");
        String outside = g.fresh("outside");
        String sizePlusOne = g.fresh("out_slot");
        String slot1 = g.fresh("slot");
        String slot2 = g.fresh("slot_nan");
        String flat = g.fresh("flat");
        String flatInt = g.fresh("flat_int");
        String member = g.fresh("member");
        String extended = g.fresh("x_ext");
        g.node("IsNaN", "", List.of(values), List.of(isNan), List.of());
        g.node("Where", "", List.of(isNan, zero, values), List.of(clean), List.of());
        g.node("Less", "", List.of(clean, zero), List.of(negative), List.of());
        g.node("GreaterOrEqual", "", List.of(clean, size), List.of(beyond), List.of());
        g.node("Or", "", List.of(negative, beyond), List.of(outside), List.of());
        g.node("Add", "", List.of(size, one), List.of(sizePlusOne), List.of());
        g.node("Where", "", List.of(outside, sizePlusOne, clean), List.of(slot1), List.of());
        g.node("Where", "", List.of(isNan, size, slot1), List.of(slot2), List.of());
        g.node("Add", "", List.of(slot2, offset), List.of(flat), List.of());
        g.node("Cast", "", List.of(flat), List.of(flatInt), List.of(OnnxGraph.attrInt("to", OnnxGraph.INT64)));
        g.node("Gather", "", List.of(lookup, flatInt), List.of(member), List.of(OnnxGraph.attrInt("axis", 0)));
        g.node("Concat", "", List.of(x, member), List.of(extended), List.of(OnnxGraph.attrInt("axis", 1)));
        return extended;
    }

    private static boolean any(boolean[] v) {
        for (boolean b : v) if (b) return true;
        return false;
    }

    /** Flattened TreeEnsemble arrays. */
    private static final class Ensemble {
        long[] roots, features, trueIds, trueLeafs, falseIds, falseLeafs, missingTrue;
        int[] modes;
        double[] splits, leafWeights;
        List<CategoricalNode> categoricalNodes;
    }

    /** A categorical split: its feature, member categories, bitset size in 32-bit words, NaN goes right. */
    private record CategoricalNode(int feature, int[] categories, int words, boolean nanGoesRight) {}

    private Ensemble ensemble() {
        List<Long> roots = new ArrayList<>(), features = new ArrayList<>(), trueIds = new ArrayList<>(), trueLeafs = new ArrayList<>(),
                falseIds = new ArrayList<>(), falseLeafs = new ArrayList<>(), missingTrue = new ArrayList<>();
        List<Integer> modes = new ArrayList<>();
        List<Double> splits = new ArrayList<>(), leaves = new ArrayList<>();
        List<CategoricalNode> categoricalNodes = new ArrayList<>();
        // ONNX Runtime (1.23) mixes up a leaf and a node that share an index in the V5 arrays
        // (wrong leaves from the second tree on). Leaf indices therefore start after the last node
        // index; the unused leading leaves are never reached.
        int totalNodes = model.trees().stream().mapToInt(t -> Math.max(1, t.internalNodes())).sum();
        for (int i = 0; i < totalNodes; i++) leaves.add(0.0);
        for (LightGbmTree t : model.trees()) {
            int nodeBase = features.size();
            int leafBase = leaves.size();
            roots.add((long) nodeBase);
            if (t.numLeaves() == 1) {
                // ORT returns the wrong leaf for a node whose branches share one leaf: two equal leaves instead.
                features.add(0L);
                modes.add(BRANCH_LEQ);
                splits.add(0.0);
                trueIds.add((long) leafBase);
                trueLeafs.add(1L);
                falseIds.add((long) leafBase + 1);
                falseLeafs.add(1L);
                missingTrue.add(1L);
                leaves.add(t.leafValue()[0]);
                leaves.add(t.leafValue()[0]);
                continue;
            }
            for (int n = 0; n < t.internalNodes(); n++) {
                int dt = t.decisionType()[n];
                features.add((long) t.splitFeature()[n]);
                boolean tracksTrue;
                boolean categorical = LightGbmTree.isCategorical(dt);
                if (categorical) {
                    // Membership column (1 = left) of this node, appended after the features:
                    // "member <= 0.5" is true for non-members, so the branches are swapped below.
                    features.set(features.size() - 1, (long) (model.numFeatures() + categoricalNodes.size()));
                    categoricalNodes.add(new CategoricalNode(t.splitFeature()[n], t.categories(n), t.catWords(n),
                            LightGbmTree.missingType(dt) == LightGbmTree.MISSING_NAN));
                    modes.add(BRANCH_LEQ);
                    splits.add(0.5);
                    tracksTrue = false;
                } else {
                    modes.add(BRANCH_LEQ);
                    splits.add(t.threshold()[n]);
                    tracksTrue = LightGbmTree.missingType(dt) == LightGbmTree.MISSING_NONE ? 0.0 <= t.threshold()[n] : LightGbmTree.defaultLeft(dt);
                }
                missingTrue.add(tracksTrue ? 1L : 0L);
                int l = categorical ? t.rightChild()[n] : t.leftChild()[n];
                int r = categorical ? t.leftChild()[n] : t.rightChild()[n];
                trueLeafs.add(l < 0 ? 1L : 0L);
                trueIds.add(l < 0 ? (long) leafBase + ~l : (long) nodeBase + l);
                falseLeafs.add(r < 0 ? 1L : 0L);
                falseIds.add(r < 0 ? (long) leafBase + ~r : (long) nodeBase + r);
            }
            for (double v : t.leafValue()) leaves.add(v);
        }
        Ensemble e = new Ensemble();
        e.roots = longs(roots);
        e.features = longs(features);
        e.trueIds = longs(trueIds);
        e.trueLeafs = longs(trueLeafs);
        e.falseIds = longs(falseIds);
        e.falseLeafs = longs(falseLeafs);
        e.missingTrue = longs(missingTrue);
        e.modes = modes.stream().mapToInt(Integer::intValue).toArray();
        e.splits = splits.stream().mapToDouble(Double::doubleValue).toArray();
        e.leafWeights = leaves.stream().mapToDouble(Double::doubleValue).toArray();
        e.categoricalNodes = categoricalNodes;
        return e;
    }

    private static long[] longs(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).toArray();
    }
}
