package com.alphaleak.export.lightgbm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses LightGBM's text model format (what {@code save_model}, {@code model_to_string} and
 * SynapseML's {@code getNativeModel} produce). Supports binary (and cross_entropy) models with numerical and
 * categorical splits, every missing type, single-leaf trees and {@code boosting=rf}
 * ({@code average_output}); rejects linear trees, multiclass and non-binary objectives.
 *
 * <p>Every problem is an {@link UnsupportedModelException} naming the source, the tree and the
 * field, thrown before anything is converted: the converted graph is handed to ONNX Runtime and
 * the text to LightGBM's native loader, and both misbehave on malformed input (a node that is its
 * own child hangs ORT's session creation, a child index out of range or a {@code tree_sizes} that
 * does not match the text aborts the JVM inside native code). So the parser checks what LightGBM
 * checks and what a well-formed tree guarantees:
 * <ul>
 *   <li>the file is complete: it has the {@code end of trees} line, the trees are numbered
 *       {@code Tree=0, 1, ...} and, when the header has {@code tree_sizes} (LightGBM always writes
 *       it), it lists as many trees as the file has and each tree block has the byte size the
 *       header gives (LightGBM locates tree i by those sizes);</li>
 *   <li>every number is a number (strictly: no Java suffixes such as {@code 1.5f}); LightGBM's
 *       {@code inf}, {@code -inf} and {@code nan} are accepted;</li>
 *   <li>the tree structure, see {@link LightGbmTree}: array lengths, children in range, every
 *       node and leaf reached exactly once from the root (hence acyclic), feature indices within
 *       {@code max_feature_idx}, categorical bitsets consistent.</li>
 * </ul>
 */
public final class LightGbmModelParser {
    private static final String END_OF_TREES = "end of trees";
    /** Decimal numbers as LightGBM writes them (C++ %.17g and friends). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private LightGbmModelParser() {}

    /** Parses model text that has no file name (error messages say "LightGBM model"). */
    public static LightGbmModel parse(String text) {
        return parse(text, "LightGBM model");
    }

    /**
     * @param source what to call the text in error messages, usually its file name
     * @throws UnsupportedModelException naming {@code source}, the tree and the field, for any
     *                                   unsupported, truncated or malformed model
     */
    public static LightGbmModel parse(String text, String source) {
        return new Reader(source).read(text);
    }

    /** One pass over the text; {@code source} prefixes every message. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        private UnsupportedModelException refuse(String where, String message) {
            return new UnsupportedModelException(source + ": " + where + ": " + message);
        }

        LightGbmModel read(String text) {
            List<Line> lines = lines(text);
            if (lines.isEmpty() || !lines.get(0).text().strip().equals("tree")) {
                throw new UnsupportedModelException(source + ": not a LightGBM text model (first line is not 'tree')");
            }
            Map<String, String> header = new LinkedHashMap<>();
            Set<String> flags = new HashSet<>();
            List<Map<String, String>> trees = new ArrayList<>();
            List<Long> treeStarts = new ArrayList<>();
            long endOfTrees = -1;
            Map<String, String> current = header;
            String where = "header";
            for (int i = 1; i < lines.size(); i++) {
                Line line = lines.get(i);
                String s = line.text().strip();
                if (s.equals(END_OF_TREES)) {
                    endOfTrees = line.byteOffset();
                    break;
                }
                if (s.startsWith("Tree=")) {
                    String expected = "Tree=" + trees.size();
                    if (!s.equals(expected)) {
                        throw refuse(where, "expected " + expected + " next, found '" + abbreviate(s) + "' (trees missing or spliced)");
                    }
                    current = new LinkedHashMap<>();
                    trees.add(current);
                    treeStarts.add(line.byteOffset());
                    where = expected;
                    continue;
                }
                if (s.isEmpty()) continue;
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    // LightGBM writes a few header flags as bare words (average_output); tree blocks hold key=value only.
                    if (current == header) flags.add(s);
                    else throw refuse(where, "unexpected line '" + abbreviate(s) + "' (not key=value)");
                    continue;
                }
                String key = s.substring(0, eq);
                if (current.put(key, s.substring(eq + 1)) != null) throw refuse(where, "field '" + key + "' appears twice");
            }
            if (endOfTrees < 0) {
                String sizes = header.containsKey("tree_sizes")
                        ? " (its tree_sizes announces " + count(header.get("tree_sizes")) + ")" : "";
                throw new UnsupportedModelException(source + ": truncated: no 'end of trees' line after " + trees.size()
                        + " trees" + sizes + "; the file ends inside or after the last complete tree. LightGBM refuses such files.");
            }
            checkTreeSizes(header, treeStarts, endOfTrees, text.contains("\r\n"));
            return model(header, flags, trees);
        }

        /** LightGBM reads tree i at the first tree's offset + the sizes of the trees before it. */
        private void checkTreeSizes(Map<String, String> header, List<Long> treeStarts, long endOfTrees, boolean crlf) {
            String sizesText = header.get("tree_sizes");
            if (sizesText == null) return;
            long[] sizes = longs(sizesText, "header", "tree_sizes");
            if (sizes.length != treeStarts.size()) {
                throw refuse("header", "tree_sizes lists " + sizes.length + " trees but the file has " + treeStarts.size()
                        + " (truncated or spliced)");
            }
            if (treeStarts.isEmpty()) return;
            long expected = treeStarts.get(0);
            for (int i = 0; i <= sizes.length; i++) {
                long actual = i < sizes.length ? treeStarts.get(i) : endOfTrees;
                if (actual != expected) {
                    String what = i < sizes.length ? "Tree=" + i : "'end of trees'";
                    throw refuse("header", what + " starts " + Math.abs(actual - expected) + " bytes "
                            + (actual > expected ? "after" : "before") + " where tree_sizes puts it (Tree=" + Math.max(0, i - 1)
                            + " was changed or cut; LightGBM locates trees by these sizes)"
                            + (crlf ? ". The file has CRLF line endings: LightGBM writes \\n and counts the sizes with it,"
                            + " and its own loader aborts on such a file; convert the line endings back" : ""));
                }
                if (i < sizes.length) {
                    if (sizes[i] < 0) throw refuse("header", "tree_sizes has a negative size");
                    expected += sizes[i];
                }
            }
        }

        private LightGbmModel model(Map<String, String> header, Set<String> flags, List<Map<String, String>> trees) {
            int numClass = intOf(header, "num_class", "header");
            if (numClass != 1) throw refuse("header", "multiclass models (num_class=" + numClass + ") are not supported");
            int perIteration = header.containsKey("num_tree_per_iteration") ? intOf(header, "num_tree_per_iteration", "header") : 1;
            if (perIteration != 1) throw refuse("header", "num_tree_per_iteration=" + perIteration + " is not supported");
            String objective = require(header, "objective", "header");
            String[] obj = objective.strip().split("\\s+");
            // cross_entropy (a model fitted to soft labels in [0, 1]) has binary's logistic link with k = 1:
            // its probability is sigmoid(margin), so it converts as binary sigmoid:1 does.
            if (!obj[0].equals("binary") && !obj[0].equals("cross_entropy")) {
                throw refuse("header", "objective '" + objective + "' is not supported; only binary or cross_entropy");
            }
            double sigmoid = 1.0;
            for (String part : obj[0].equals("binary") ? obj : new String[0]) {
                if (part.startsWith("sigmoid:")) {
                    String k = part.substring("sigmoid:".length());
                    if (!NUMBER.matcher(k).matches() || !(Double.parseDouble(k) > 0) || !Double.isFinite(Double.parseDouble(k))) {
                        throw refuse("header", "objective: sigmoid '" + abbreviate(k) + "' is not a positive number");
                    }
                    sigmoid = Double.parseDouble(k);
                }
            }
            int maxFeature = intOf(header, "max_feature_idx", "header");
            if (maxFeature < 0) throw refuse("header", "max_feature_idx=" + maxFeature + " is negative");
            List<String> names = List.of();
            if (header.containsKey("feature_names")) {
                names = List.of(header.get("feature_names").strip().split(" +"));
                if (names.size() != maxFeature + 1) {
                    throw refuse("header", "feature_names has " + names.size() + " names for max_feature_idx=" + maxFeature
                            + " (" + (maxFeature + 1) + " features)");
                }
            }
            if (trees.isEmpty()) throw refuse("header", "the model has no trees");
            List<LightGbmTree> parsed = new ArrayList<>();
            for (int i = 0; i < trees.size(); i++) parsed.add(tree(trees.get(i), "Tree=" + i, maxFeature));
            return new LightGbmModel(names, maxFeature, sigmoid, flags.contains("average_output"), List.copyOf(parsed));
        }

        private LightGbmTree tree(Map<String, String> t, String where, int maxFeature) {
            if (t.containsKey("is_linear")) {
                int linear = intOf(t, "is_linear", where);
                if (linear == 1) throw refuse(where, "linear trees are not supported");
                if (linear != 0) throw refuse(where, "field 'is_linear': " + linear + " is neither 0 nor 1");
            }
            int leaves = intOf(t, "num_leaves", where);
            if (leaves < 1) throw refuse(where, "field 'num_leaves': " + leaves + " (a tree has at least one leaf)");
            // LightGBM's loader requires num_cat in every tree, single-leaf ones included.
            int numCat = intOf(t, "num_cat", where);
            if (numCat < 0) throw refuse(where, "field 'num_cat': " + numCat + " is negative");
            double[] leafValue = doubles(require(t, "leaf_value", where), where, "leaf_value");
            if (leafValue.length != leaves) {
                throw refuse(where, "field 'leaf_value': " + leafValue.length + " leaf values for " + leaves + " leaves (num_leaves)");
            }
            if (leaves == 1) {
                return build(where, () -> new LightGbmTree(1, new int[0], new double[0], new int[0], new int[0], new int[0],
                        leafValue, new int[0], new long[0]));
            }
            int[] feature = ints(require(t, "split_feature", where), where, "split_feature");
            double[] threshold = doubles(require(t, "threshold", where), where, "threshold");
            int[] decision = ints(require(t, "decision_type", where), where, "decision_type");
            int[] left = ints(require(t, "left_child", where), where, "left_child");
            int[] right = ints(require(t, "right_child", where), where, "right_child");
            int[] boundaries = numCat > 0 ? ints(require(t, "cat_boundaries", where), where, "cat_boundaries") : new int[0];
            long[] bits = numCat > 0 ? longs(require(t, "cat_threshold", where), where, "cat_threshold") : new long[0];
            if (numCat > 0 && boundaries.length != numCat + 1) {
                throw refuse(where, "field 'cat_boundaries': " + boundaries.length + " values for num_cat=" + numCat
                        + " (expected " + (numCat + 1) + ")");
            }
            for (int n = 0; n < feature.length; n++) {
                if (feature[n] > maxFeature) {
                    throw refuse(where, "field 'split_feature': node " + n + " splits on feature " + feature[n]
                            + ", but max_feature_idx=" + maxFeature);
                }
            }
            return build(where, () -> new LightGbmTree(leaves, feature, threshold, decision, left, right, leafValue, boundaries, bits));
        }

        /** The tree checks its own structure; its message gets the file and the tree. */
        private LightGbmTree build(String where, java.util.function.Supplier<LightGbmTree> tree) {
            try {
                return tree.get();
            } catch (UnsupportedModelException e) {
                throw refuse(where, e.getMessage());
            }
        }

        private String require(Map<String, String> m, String key, String where) {
            String v = m.get(key);
            if (v == null) throw refuse(where, "field '" + key + "' is missing");
            return v;
        }

        private int intOf(Map<String, String> m, String key, String where) {
            String v = require(m, key, where).strip();
            if (!INTEGER.matcher(v).matches() || Long.parseLong(v) != (int) Long.parseLong(v)) {
                throw refuse(where, "field '" + key + "': '" + abbreviate(v) + "' is not an integer");
            }
            return Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        }

        private int[] ints(String s, String where, String field) {
            long[] l = longs(s, where, field);
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] != (int) l[i]) throw refuse(where, "field '" + field + "', value " + (i + 1) + ": " + l[i] + " is out of int range");
                out[i] = (int) l[i];
            }
            return out;
        }

        private long[] longs(String s, String where, String field) {
            String[] parts = values(s);
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                if (!INTEGER.matcher(parts[i]).matches()) {
                    throw refuse(where, "field '" + field + "', value " + (i + 1) + " of " + parts.length + ": '"
                            + abbreviate(parts[i]) + "' is not an integer");
                }
                out[i] = Long.parseLong(parts[i].startsWith("+") ? parts[i].substring(1) : parts[i]);
            }
            return out;
        }

        private double[] doubles(String s, String where, String field) {
            String[] parts = values(s);
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Double d = parseDouble(parts[i]);
                if (d == null) {
                    throw refuse(where, "field '" + field + "', value " + (i + 1) + " of " + parts.length + ": '"
                            + abbreviate(parts[i]) + "' is not a number");
                }
                out[i] = d;
            }
            return out;
        }
    }

    private static String[] values(String s) {
        String stripped = s.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    private static int count(String values) {
        return values(values).length;
    }

    /** LightGBM writes infinities as "inf"/"-inf" and NaN as "nan"; anything else must be a plain decimal. */
    private static Double parseDouble(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> NUMBER.matcher(s).matches() ? Double.parseDouble(s) : null;
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A line without its terminator and the UTF-8 byte offset where it starts (tree_sizes counts bytes). */
    private record Line(String text, long byteOffset) {}

    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        long offset = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            String raw = text.substring(start, end);
            String line = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            out.add(new Line(line, offset));
            offset += raw.getBytes(StandardCharsets.UTF_8).length;
            start = end;
        }
        return out;
    }
}
