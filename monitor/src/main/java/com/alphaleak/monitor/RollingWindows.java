package com.alphaleak.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling windows over signal time: {@code count} windows of length {@code window}, one
 * {@code step} apart, the newest ending at {@code end}. Window length is a whole multiple m of
 * the step, so the span is cut into disjoint slots of one step and window j is slots
 * {@code j .. j+m-1}: data is aggregated once per slot and windows are sums of slots.
 *
 * <p>{@link #ending} aligns the newest end down to a multiple of the step since the epoch (UTC
 * midnight for daily steps), so runs at different times of day report the same windows.
 */
public record RollingWindows(Instant origin, Duration step, int stepsPerWindow, int count) {

    public record Window(int index, Instant start, Instant end) {}

    public RollingWindows {
        if (step.isZero() || step.isNegative() || stepsPerWindow < 1 || count < 1) {
            throw new IllegalArgumentException("bad windows: step " + step + ", steps per window " + stepsPerWindow + ", count " + count);
        }
    }

    /**
     * @param latestEnd newest window end before alignment (as-of minus horizon and grace)
     */
    public static RollingWindows ending(Instant latestEnd, Duration window, Duration step, int count) {
        if (window.toMillis() % step.toMillis() != 0) {
            throw new IllegalArgumentException("window " + window + " is not a whole multiple of step " + step);
        }
        int m = (int) (window.toMillis() / step.toMillis());
        long s = step.toMillis();
        long end = Math.floorDiv(latestEnd.toEpochMilli(), s) * s;
        long origin = end - (long) (count - 1 + m) * s;
        return new RollingWindows(Instant.ofEpochMilli(origin), step, m, count);
    }

    /**
     * Windows tiling a backtest period [from, to) widened to step boundaries (a validation period
     * rarely starts or ends on one): the newest ends at {@code to} rounded up, the oldest starts at
     * {@code from} rounded down; null when not even one window fits.
     */
    public static RollingWindows covering(Instant from, Instant to, Duration window, Duration step) {
        int m = (int) (window.toMillis() / step.toMillis());
        long s = step.toMillis();
        long end = -Math.floorDiv(-to.toEpochMilli(), s) * s;
        long slots = (end - Math.floorDiv(from.toEpochMilli(), s) * s) / s;
        int count = (int) Math.max(0, slots - m + 1);
        if (count == 0) return null;
        return new RollingWindows(Instant.ofEpochMilli(end - (count - 1 + m) * s), step, m, count);
    }

    public int slots() {
        return count - 1 + stepsPerWindow;
    }

    public Instant start() {
        return origin;
    }

    public Instant end() {
        return origin.plus(step.multipliedBy(slots()));
    }

    /** Slot of an instant, or -1 when outside [start, end). */
    public int slotOf(Instant t) {
        return slotOfMillis(t.toEpochMilli());
    }

    public int slotOfMillis(long millis) {
        long d = millis - origin.toEpochMilli();
        if (d < 0) return -1;
        long k = d / step.toMillis();
        return k < slots() ? (int) k : -1;
    }

    public List<Window> windows() {
        List<Window> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            Instant s = origin.plus(step.multipliedBy(j));
            out.add(new Window(j, s, s.plus(step.multipliedBy(stepsPerWindow))));
        }
        return out;
    }
}
