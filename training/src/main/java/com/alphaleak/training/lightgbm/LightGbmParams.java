package com.alphaleak.training.lightgbm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds a LightGBM parameter string ({@code key=value} separated by spaces) for binary
 * classification with PR-AUC ({@code average_precision}) as the evaluation metric.
 *
 * <p>Each key appears once: LightGBM silently keeps the FIRST occurrence of a repeated key, so
 * later {@link #set} calls replace earlier values in place instead of appending. Fixed settings
 * make a fit reproducible: {@code deterministic=true}, {@code force_row_wise=true}, a seed, and a
 * thread count (the summation order depends on it).
 */
public final class LightGbmParams {
    private final Map<String, String> values = new LinkedHashMap<>();

    private LightGbmParams() {}

    /** Binary objective, PR-AUC metric, deterministic, quiet. */
    public static LightGbmParams binary(long seed, int threads, double scalePosWeight) {
        if (!(scalePosWeight > 0) || Double.isInfinite(scalePosWeight)) {
            throw new IllegalArgumentException("scale_pos_weight must be a positive finite number, got " + scalePosWeight);
        }
        return new LightGbmParams()
                .set("objective", "binary")
                .set("metric", "average_precision")
                .set("first_metric_only", "true")
                .set("deterministic", "true")
                .set("force_row_wise", "true")
                .set("seed", Long.toString(seed))
                .set("num_threads", Integer.toString(threads))
                .set("scale_pos_weight", render(scalePosWeight))
                .set("feature_pre_filter", "false")
                .set("verbosity", "-1");
    }

    /**
     * The parameters a booster fitted on rows that learn from soft targets ({@code softTargets}) or
     * from 0/1 labels takes: LightGBM's {@code cross_entropy} objective for the former (same logistic
     * link and raw scores as {@code binary}, labels in [0, 1]; it has no class weight, so
     * {@code scalePosWeight} must be 1), {@link #binary} for the latter. The binary objective would
     * take a soft label above 0 as a positive without a word, so the choice follows the rows.
     */
    public static LightGbmParams forRows(long seed, int threads, double scalePosWeight, boolean softTargets) {
        if (!softTargets) return binary(seed, threads, scalePosWeight);
        if (scalePosWeight != 1.0) {
            throw new IllegalArgumentException("soft targets are fitted by cross entropy, which has no class weight; scale_pos_weight "
                    + scalePosWeight + " would be ignored");
        }
        LightGbmParams p = binary(seed, threads, 1.0).set("objective", "cross_entropy");
        p.values.remove("scale_pos_weight");
        return p;
    }

    /** An empty parameter list (e.g. SynapseML's {@code passThroughArgs}). */
    public static LightGbmParams none() {
        return new LightGbmParams();
    }

    /** Sets (or replaces) one parameter; numbers are written so they parse back to the same value. */
    public LightGbmParams set(String key, Object value) {
        values.put(key, render(value));
        return this;
    }

    /**
     * Adds searched parameters. A bagging fraction below 1 only has an effect with
     * {@code bagging_freq > 0}, so it is switched on (every iteration) when absent.
     */
    public LightGbmParams setAll(Map<String, Object> params) {
        // sorted: a trial's parameter map has no stable order across JVMs
        new java.util.TreeMap<>(params).forEach(this::set);
        if (values.containsKey("bagging_fraction") && !values.containsKey("bagging_freq")
                && Double.parseDouble(values.get("bagging_fraction")) < 1.0) {
            set("bagging_freq", 1);
        }
        return this;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** The string LightGBM's C API and SynapseML's {@code passThroughArgs} take. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    static String render(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%.1f", d);
            return Double.toString(d);
        }
        if (v instanceof Float f) return render(f.doubleValue());
        return String.valueOf(v);
    }
}
