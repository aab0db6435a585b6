package com.alphaleak.export.lightgbm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses LightGBM's text model format (what {@code save_model}, {@code model_to_string} and
 * SynapseML's {@code getNativeModel} produce). Supports binary models with numerical and
 * categorical splits, every missing type and single-leaf trees; rejects linear trees, multiclass
 * and non-binary objectives with {@link UnsupportedModelException}.
 */
public final class LightGbmModelParser {
    private LightGbmModelParser() {}

    public static LightGbmModel parse(String text) {
        String[] lines = text.split("\\r?\\n");
        Map<String, String> header = new HashMap<>();
        List<Map<String, String>> trees = new ArrayList<>();
        Map<String, String> current = header;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.equals("end of trees")) break;
            if (line.startsWith("Tree=")) {
                current = new HashMap<>();
                trees.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) current.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (!"tree".equals(lines.length == 0 ? "" : lines[0].strip())) throw new UnsupportedModelException("not a LightGBM text model (first line is not 'tree')");
        int numClass = intOf(header, "num_class", "header");
        if (numClass != 1) throw new UnsupportedModelException("multiclass models (num_class=" + numClass + ") are not supported");
        int perIteration = Integer.parseInt(header.getOrDefault("num_tree_per_iteration", "1"));
        if (perIteration != 1) throw new UnsupportedModelException("num_tree_per_iteration=" + perIteration + " is not supported");
        String objective = require(header, "objective", "header");
        String[] obj = objective.split("\\s+");
        if (!obj[0].equals("binary")) throw new UnsupportedModelException("objective '" + objective + "' is not supported; only binary");
        double sigmoid = 1.0;
        for (String part : obj) if (part.startsWith("sigmoid:")) sigmoid = Double.parseDouble(part.substring(8));
        int maxFeature = intOf(header, "max_feature_idx", "header");
        List<String> names = header.containsKey("feature_names") ? List.of(header.get("feature_names").split(" ")) : List.of();
        List<LightGbmTree> parsed = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) parsed.add(tree(trees.get(i), "Tree=" + i));
        if (parsed.isEmpty()) throw new UnsupportedModelException("the model has no trees");
        return new LightGbmModel(names, maxFeature, sigmoid, List.copyOf(parsed));
    }

    private static LightGbmTree tree(Map<String, String> t, String where) {
        if ("1".equals(t.get("is_linear"))) throw new UnsupportedModelException(where + ": linear trees are not supported");
        int leaves = intOf(t, "num_leaves", where);
        double[] leafValue = doubles(require(t, "leaf_value", where));
        if (leafValue.length != leaves) throw new UnsupportedModelException(where + ": " + leafValue.length + " leaf values for " + leaves + " leaves");
        if (leaves == 1) {
            return new LightGbmTree(1, new int[0], new double[0], new int[0], new int[0], new int[0], leafValue, new int[0], new long[0]);
        }
        int[] feature = ints(require(t, "split_feature", where));
        double[] threshold = doubles(require(t, "threshold", where));
        int[] decision = ints(require(t, "decision_type", where));
        int[] left = ints(require(t, "left_child", where));
        int[] right = ints(require(t, "right_child", where));
        for (int[] a : List.of(feature, decision, left, right)) {
            if (a.length != leaves - 1) throw new UnsupportedModelException(where + ": expected " + (leaves - 1) + " internal nodes, found " + a.length);
        }
        if (threshold.length != leaves - 1) throw new UnsupportedModelException(where + ": threshold has " + threshold.length + " values");
        int numCat = Integer.parseInt(t.getOrDefault("num_cat", "0"));
        int[] boundaries = numCat > 0 ? ints(require(t, "cat_boundaries", where)) : new int[0];
        long[] bits = numCat > 0 ? Arrays.stream(require(t, "cat_threshold", where).split(" ")).mapToLong(Long::parseLong).toArray() : new long[0];
        return new LightGbmTree(leaves, feature, threshold, decision, left, right, leafValue, boundaries, bits);
    }

    private static String require(Map<String, String> m, String key, String where) {
        String v = m.get(key);
        if (v == null) throw new UnsupportedModelException(where + ": missing '" + key + "'");
        return v;
    }

    private static int intOf(Map<String, String> m, String key, String where) {
        return Integer.parseInt(require(m, key, where).strip());
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.strip().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.strip().split(" ")).mapToDouble(LightGbmModelParser::parseDouble).toArray();
    }

    /** LightGBM writes infinities as "inf"/"-inf" and NaN as "nan". */
    private static double parseDouble(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
