package com.alphaleak.training.tpe;

import java.util.SplittableRandom;

/**
 * One parameter as Optuna's Parzen estimator sees it. Values are Optuna's internal
 * representation: numbers as they are (integers as whole doubles), categorical values as choice
 * indices. Kernels live in the transformed space: log for log ranges, and integers widened by half
 * a step at both ends ({@code [low - 0.5, high + 0.5]}, logged for log-integers) so the end values
 * get full mass; integer values are then scored as the kernel's mass over {@code [v - 0.5, v + 0.5]}
 * (in log space for log-integers), as Optuna does.
 *
 * @param low  lower bound (external scale; 0 for categorical)
 * @param high upper bound (external scale; choices - 1 for categorical)
 * @param step 1 for integers, 0 for floats and categorical
 */
record InternalSpace(Distribution distribution, double low, double high, double step, boolean log) {

    static InternalSpace of(Distribution d) {
        if (d instanceof Distribution.FloatRange f) return new InternalSpace(d, f.low(), f.high(), 0, f.log());
        if (d instanceof Distribution.IntRange r) return new InternalSpace(d, r.low(), r.high(), 1, r.log());
        return new InternalSpace(d, 0, ((Distribution.Categorical) d).choices().size() - 1, 0, false);
    }

    boolean isCategorical() {
        return distribution instanceof Distribution.Categorical;
    }

    boolean isDiscrete() {
        return step > 0;
    }

    int choices() {
        return ((Distribution.Categorical) distribution).choices().size();
    }

    /** Lower end of the kernels' truncation interval, in the transformed space. */
    double adaptedLow() {
        return transform(low - step / 2);
    }

    /** Upper end of the kernels' truncation interval, in the transformed space. */
    double adaptedHigh() {
        return transform(high + step / 2);
    }

    /** Internal value to the kernels' space (log for log ranges). */
    double transform(double x) {
        return log ? Math.log(x) : x;
    }

    /** Kernel-space value back to the internal value, snapped to the integer grid where there is one. */
    double untransform(double y) {
        double x = log ? Math.exp(y) : y;
        if (!isDiscrete()) return x;
        return Math.min(high, Math.max(low, low + Math.rint((x - low) / step) * step));
    }

    /** Internal value of a parameter value. */
    double toInternal(Object value) {
        if (distribution instanceof Distribution.Categorical c) {
            int i = c.choices().indexOf(String.valueOf(value));
            if (i < 0) throw new IllegalArgumentException("'" + value + "' is not one of " + c.choices());
            return i;
        }
        return ((Number) value).doubleValue();
    }

    /** Parameter value of an internal value. */
    Object toValue(double x) {
        if (distribution instanceof Distribution.FloatRange) return Math.min(high, Math.max(low, x));
        if (distribution instanceof Distribution.IntRange) return (int) Math.min(high, Math.max(low, Math.rint(x)));
        return ((Distribution.Categorical) distribution).choices().get((int) x);
    }

    /** A uniform draw, as Optuna's random sampler: uniform in the transformed interval, then snapped. */
    double uniform(SplittableRandom rnd) {
        if (isCategorical()) return rnd.nextInt(choices());
        return untransform(adaptedLow() + (adaptedHigh() - adaptedLow()) * rnd.nextDouble());
    }
}
