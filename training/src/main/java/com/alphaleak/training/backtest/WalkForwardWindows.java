package com.alphaleak.training.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts rows ordered by time into the newest {@code count} windows of about {@code fraction} of
 * the rows each. A boundary never separates rows with the same time (it moves back to the first
 * of them), so no row of a window shares its instant with a row the window's model trained on.
 */
public final class WalkForwardWindows {
    private WalkForwardWindows() {}

    /** Rows [start, end) of window {@code index} (0 = oldest). */
    public record Window(int index, int start, int end) {
        public int rows() {
            return end - start;
        }
    }

    /**
     * @param timesMicros non-decreasing row times
     * @throws IllegalArgumentException when the windows leave no earlier rows or a window is empty
     */
    public static List<Window> of(long[] timesMicros, int count, double fraction) {
        int n = timesMicros.length;
        long per = Math.round(fraction * n);
        int[] bounds = new int[count + 1];
        bounds[count] = n;
        for (int k = 0; k < count; k++) {
            bounds[k] = tieStart(timesMicros, (int) Math.max(0, n - (count - k) * per));
        }
        List<Window> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (bounds[k + 1] <= bounds[k]) {
                throw new IllegalArgumentException("window " + k + " of " + count + " is empty (" + n + " rows, "
                        + fraction + " of them per window): too few rows or too many equal times");
            }
            out.add(new Window(k, bounds[k], bounds[k + 1]));
        }
        if (out.get(0).start() == 0) {
            throw new IllegalArgumentException("the oldest window starts at the first row: nothing to train on ("
                    + count + " windows x " + fraction + ")");
        }
        return out;
    }

    /** First row of the newest {@code fraction} of rows [0, end), tie-aware: where the validation tail starts. */
    public static int tailStart(long[] timesMicros, int end, double fraction) {
        return tieStart(timesMicros, (int) Math.max(0, end - Math.round(fraction * end)));
    }

    /**
     * End (exclusive) of the rows whose label is known at row {@code start}'s time: times t with
     * t + purge <= times[start]. Rows sharing that bound's instant are all in or all out.
     */
    public static int maturedBefore(long[] timesMicros, int start, long purgeMicros) {
        if (start >= timesMicros.length) return start;
        long bound = timesMicros[start] - purgeMicros;
        int lo = 0, hi = start; // first index in [0, start) with time > bound
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timesMicros[mid] <= bound) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int tieStart(long[] t, int i) {
        if (i >= t.length) return t.length;
        while (i > 0 && t[i - 1] == t[i]) i--;
        return i;
    }
}
