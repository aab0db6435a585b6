package com.alphaleak.training.tpe;

/**
 * Where the estimator works for one parameter: floats as they are, log ranges in log space,
 * integers on their own grid widened by half a step at both ends (so the end values get full
 * mass), log-integers continuously in log space between log(low - 0.5) and log(high + 0.5),
 * categorical values as choice indices.
 */
record InternalSpace(Distribution distribution, double low, double high, double step) {

    static InternalSpace of(Distribution d) {
        if (d instanceof Distribution.FloatRange f) {
            return f.log() ? new InternalSpace(d, Math.log(f.low()), Math.log(f.high()), 0) : new InternalSpace(d, f.low(), f.high(), 0);
        }
        if (d instanceof Distribution.IntRange r) {
            return r.log() ? new InternalSpace(d, Math.log(r.low() - 0.5), Math.log(r.high() + 0.5), 0)
                    : new InternalSpace(d, r.low() - 0.5, r.high() + 0.5, 1);
        }
        return new InternalSpace(d, 0, ((Distribution.Categorical) d).choices().size() - 1, 0);
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

    /** Internal value of a parameter value. */
    double toInternal(Object value) {
        if (distribution instanceof Distribution.Categorical c) {
            int i = c.choices().indexOf(String.valueOf(value));
            if (i < 0) throw new IllegalArgumentException("'" + value + "' is not one of " + c.choices());
            return i;
        }
        double v = ((Number) value).doubleValue();
        boolean log = distribution instanceof Distribution.FloatRange f ? f.log() : ((Distribution.IntRange) distribution).log();
        return log ? Math.log(v) : v;
    }

    /** Internal sample to the grid the parameter lives on (integers for discrete ranges). */
    double snap(double x) {
        return isDiscrete() ? Math.min(high - 0.5, Math.max(low + 0.5, Math.rint(x))) : x;
    }

    /** Parameter value of an internal value. */
    Object toValue(double x) {
        if (distribution instanceof Distribution.FloatRange f) return Math.min(f.high(), Math.max(f.low(), f.log() ? Math.exp(x) : x));
        if (distribution instanceof Distribution.IntRange r) {
            return (int) Math.min(r.high(), Math.max(r.low(), Math.round(r.log() ? Math.exp(x) : x)));
        }
        return ((Distribution.Categorical) distribution).choices().get((int) x);
    }

    /** A uniform draw in the internal space (Optuna's random sampler). */
    double uniform(java.util.SplittableRandom rnd) {
        if (isCategorical()) return rnd.nextInt(choices());
        if (isDiscrete()) return rnd.nextInt((int) (high - 0.5 - (low + 0.5)) + 1) + low + 0.5;
        return low + (high - low) * rnd.nextDouble();
    }
}
