package com.alphaleak.export.lightgbm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Random LightGBM text models for conversion tests: every missing type, default sides,
 * categorical bitsets and single-leaf trees; thresholds drawn from a few values per feature so
 * that test rows can sit exactly on them.
 */
public final class RandomModels {
    /** Per feature: 0 numerical NaN-missing, 1 numerical None, 2 numerical Zero, 3 categorical. */
    public final int[] kinds;
    public final double[][] thresholds;
    public final String text;

    public RandomModels(long seed, int features, int trees) {
        Random rnd = new Random(seed);
        kinds = new int[features];
        thresholds = new double[features][];
        for (int f = 0; f < features; f++) {
            kinds[f] = rnd.nextInt(4);
            thresholds[f] = new double[4];
            for (int k = 0; k < 4; k++) {
                thresholds[f][k] = switch (rnd.nextInt(4)) {
                    case 0 -> 0.0;
                    case 1 -> -1e-36;
                    default -> (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(6) - 2);
                };
            }
        }
        StringBuilder sb = new StringBuilder("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n")
                .append("max_feature_idx=").append(features - 1).append('\n')
                .append("objective=binary sigmoid:").append(rnd.nextBoolean() ? "1" : "0.7").append('\n');
        StringJoiner names = new StringJoiner(" ");
        for (int f = 0; f < features; f++) names.add("f" + f);
        sb.append("feature_names=").append(names).append("\n\n");
        for (int t = 0; t < trees; t++) sb.append("Tree=").append(t).append('\n').append(tree(rnd, features)).append('\n');
        sb.append("end of trees\n\nfeature_importances:\n");
        text = sb.toString();
    }

    private String tree(Random rnd, int features) {
        int leaves = rnd.nextInt(6) == 0 ? 1 : 2 + rnd.nextInt(14);
        List<String> leafValues = new ArrayList<>();
        for (int i = 0; i < leaves; i++) leafValues.add(Double.toString((rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(4) - 2)));
        if (leaves == 1) return "num_leaves=1\nnum_cat=0\nshrinkage=1\nleaf_value=" + String.join(" ", leafValues) + "\nis_linear=0\n";
        int internal = leaves - 1;
        int[] left = new int[internal], right = new int[internal];
        // Grow: each new internal node replaces a random current leaf slot.
        List<int[]> slots = new ArrayList<>(); // {node, side}
        int nextLeaf = 0;
        slots.add(new int[]{0, 0});
        slots.add(new int[]{0, 1});
        for (int n = 1; n < internal; n++) {
            int[] slot = slots.remove(rnd.nextInt(slots.size()));
            if (slot[1] == 0) left[slot[0]] = n;
            else right[slot[0]] = n;
            slots.add(new int[]{n, 0});
            slots.add(new int[]{n, 1});
        }
        for (int[] slot : slots) {
            int leaf = ~(nextLeaf++);
            if (slot[1] == 0) left[slot[0]] = leaf;
            else right[slot[0]] = leaf;
        }
        StringJoiner feat = new StringJoiner(" "), thr = new StringJoiner(" "), dec = new StringJoiner(" "), lc = new StringJoiner(" "), rc = new StringJoiner(" ");
        List<Integer> boundaries = new ArrayList<>(List.of(0));
        List<Long> bits = new ArrayList<>();
        for (int n = 0; n < internal; n++) {
            int f = rnd.nextInt(features);
            feat.add(Integer.toString(f));
            boolean defaultLeft = rnd.nextBoolean();
            int kind = kinds[f];
            if (kind == 3) {
                int words = 1 + rnd.nextInt(2);
                for (int w = 0; w < words; w++) bits.add(rnd.nextLong() & 0xFFFFFFFFL & (rnd.nextBoolean() ? 0xFFFFFFFFL : 0x0F0F0F0FL));
                thr.add(Integer.toString(boundaries.size() - 1));
                boundaries.add(boundaries.get(boundaries.size() - 1) + words);
                int missing = rnd.nextBoolean() ? 2 : 0;
                dec.add(Integer.toString(1 | (missing << 2)));
            } else {
                thr.add(Double.toString(thresholds[f][rnd.nextInt(4)]));
                int missing = kind == 0 ? 2 : kind == 1 ? 0 : 1;
                dec.add(Integer.toString((defaultLeft ? 2 : 0) | (missing << 2)));
            }
            lc.add(Integer.toString(left[n]));
            rc.add(Integer.toString(right[n]));
        }
        int numCat = boundaries.size() - 1;
        StringBuilder sb = new StringBuilder("num_leaves=").append(leaves).append("\nnum_cat=").append(numCat)
                .append("\nsplit_feature=").append(feat).append("\nsplit_gain=").append("1 ".repeat(internal).strip())
                .append("\nthreshold=").append(thr).append("\ndecision_type=").append(dec)
                .append("\nleft_child=").append(lc).append("\nright_child=").append(rc)
                .append("\nleaf_value=").append(String.join(" ", leafValues));
        if (numCat > 0) {
            StringJoiner b = new StringJoiner(" "), c = new StringJoiner(" ");
            boundaries.forEach(x -> b.add(Integer.toString(x)));
            bits.forEach(x -> c.add(Long.toString(x)));
            sb.append("\ncat_boundaries=").append(b).append("\ncat_threshold=").append(c);
        }
        return sb.append("\nis_linear=0\nshrinkage=0.1\n").toString();
    }

    /** Rows on, just above and just below thresholds, zeros of both signs, tiny values, NaN, categories. */
    public double[][] rows(long seed, int n) {
        Random rnd = new Random(seed);
        double[][] out = new double[n][kinds.length];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < kinds.length; f++) {
                double t = thresholds[f][rnd.nextInt(4)];
                out[i][f] = switch (rnd.nextInt(12)) {
                    case 0 -> Double.NaN;
                    case 1 -> 0.0;
                    case 2 -> -0.0;
                    case 3 -> rnd.nextBoolean() ? 1e-36 : -5e-36;
                    case 4 -> Math.nextUp(t);
                    case 5 -> Math.nextDown(t);
                    case 6 -> t;
                    case 7 -> kinds[f] == 3 ? rnd.nextInt(70) : rnd.nextGaussian() * 100;
                    case 8 -> kinds[f] == 3 ? rnd.nextInt(40) - 0.5 : 1e300;
                    case 9 -> -1.0 * rnd.nextInt(3);
                    case 10 -> rnd.nextBoolean() ? 1e10 : -1e10;
                    default -> kinds[f] == 3 ? rnd.nextInt(64) : rnd.nextDouble() * 2 - 1;
                };
            }
        }
        return out;
    }
}
