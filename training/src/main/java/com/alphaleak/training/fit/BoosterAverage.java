package com.alphaleak.training.fit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One LightGBM text model whose raw score (margin) is the mean of several models' raw scores: every
 * member's trees, renumbered, with their leaf values divided by the number of members. A binary
 * LightGBM model's margin is the plain sum of its trees' leaf values (the initial score is folded
 * into the first tree, the learning rate into the leaf values), so the merged model is an ordinary
 * booster: it loads in LightGBM, scores through the same export, parity check and Platt scaling as a
 * single model, and the ONNX graph is one {@code TreeEnsemble} with more trees.
 *
 * <p>Members must describe the same input (feature names), be binary models with one tree per
 * iteration ({@code binary}, or {@code cross_entropy}: the same logistic link, fitted to soft labels)
 * and share one objective; anything else is refused naming the member and the field. The header is the first
 * member's with {@code tree_sizes} recomputed; what follows {@code end of trees} (feature
 * importances, the first member's {@code parameters:}) is dropped, since it would describe one
 * member only.
 */
public final class BoosterAverage {
    private static final String END_OF_TREES = "end of trees";

    private BoosterAverage() {}

    /** The averaged model; one member is returned unchanged. */
    public static String of(List<String> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("no models to average");
        if (members.size() == 1) return members.get(0);
        double factor = 1.0 / members.size();
        List<String> texts = members.stream().map(t -> t.replace("\r\n", "\n")).toList();
        List<String> header = headerLines(texts.get(0), 0);
        String names = field(header, "feature_names", 0);
        field(header, "feature_infos", 0); // tree_sizes follows it
        List<String> trees = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            String text = texts.get(m);
            List<String> h = m == 0 ? header : headerLines(text, m);
            if (!names.equals(field(h, "feature_names", m))) {
                throw new IllegalArgumentException("member " + m + ": feature_names differ from member 0's; only models of the same "
                        + "features can be averaged");
            }
            for (String key : new String[] {"num_class", "num_tree_per_iteration"}) {
                if (!"1".equals(field(h, key, m))) {
                    throw new IllegalArgumentException("member " + m + ": " + key + "=" + field(h, key, m) + "; only binary models "
                            + "(one tree per iteration) can be averaged");
                }
            }
            String objective = field(h, "objective", m);
            if (!objective.startsWith("binary") && !objective.equals("cross_entropy")) {
                throw new IllegalArgumentException("member " + m + ": objective=" + objective + "; only binary (or cross_entropy) "
                        + "models can be averaged");
            }
            // The merged model keeps member 0's header: its objective (the margin's link) must be every member's.
            if (!objective.equals(field(header, "objective", 0))) {
                throw new IllegalArgumentException("member " + m + ": objective=" + objective + " differs from member 0's "
                        + field(header, "objective", 0) + "; margins of different links cannot be averaged");
            }
            for (String tree : treeBlocks(text, m)) trees.add(scaled(tree, factor, trees.size()));
        }
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            if (line.startsWith("tree_sizes=")) continue;
            out.append(line).append('\n');
            if (line.startsWith("feature_infos=")) {
                out.append("tree_sizes=");
                for (int i = 0; i < trees.size(); i++) {
                    if (i > 0) out.append(' ');
                    out.append(trees.get(i).getBytes(StandardCharsets.UTF_8).length);
                }
                out.append('\n');
            }
        }
        out.append('\n');
        for (String t : trees) out.append(t);
        out.append(END_OF_TREES).append("\n\n");
        return out.toString();
    }

    /** Header lines of a model with \n line ends: from its first line ("tree") up to the first tree, without blank lines. */
    private static List<String> headerLines(String t, int member) {
        int first = t.indexOf("\nTree=");
        if (!t.startsWith("tree\n") || first < 0) {
            throw new IllegalArgumentException("member " + member + ": not a LightGBM text model with trees");
        }
        List<String> out = new ArrayList<>();
        for (String line : t.substring(0, first).split("\n")) if (!line.isBlank()) out.add(line);
        return out;
    }

    private static String field(List<String> header, String key, int member) {
        for (String line : header) if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
        throw new IllegalArgumentException("member " + member + ": header has no " + key);
    }

    /** Each tree's block of a model with \n line ends, "Tree=i" through its blank line separator. */
    private static List<String> treeBlocks(String t, int member) {
        int end = t.indexOf("\n" + END_OF_TREES);
        if (end < 0) throw new IllegalArgumentException("member " + member + ": no '" + END_OF_TREES + "' line (truncated model)");
        List<String> out = new ArrayList<>();
        int at = t.indexOf("\nTree=");
        while (at >= 0 && at < end) {
            int next = t.indexOf("\nTree=", at + 1);
            int stop = next < 0 || next > end ? end : next;
            out.add(t.substring(at + 1, stop + 1));
            at = next;
        }
        return out;
    }

    /** A tree block renumbered to {@code index}, its leaf and internal values multiplied by {@code factor}. */
    private static String scaled(String block, double factor, int index) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("Tree=")) line = "Tree=" + index;
            else if (line.startsWith("leaf_value=")) line = "leaf_value=" + times(line.substring(11), factor);
            else if (line.startsWith("internal_value=")) line = "internal_value=" + times(line.substring(15), factor);
            out.append(line).append('\n');
        }
        // split("\n", -1) yields a trailing empty element for the block's final newline.
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String times(String values, double factor) {
        String[] v = values.trim().split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) out.append(' ');
            // %.17g round-trips a double; LightGBM writes its own values with 17 significant digits too.
            out.append(String.format(Locale.ROOT, "%.17g", Double.parseDouble(v[i]) * factor));
        }
        return out.toString();
    }
}
