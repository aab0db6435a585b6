package com.alphaleak.training.backtest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalkForwardWindowsTest {
    /** Non-decreasing times with many ties. */
    private static long[] times(Random r, int n) {
        long[] t = new long[n];
        for (int i = 1; i < n; i++) t[i] = t[i - 1] + (r.nextInt(3) == 0 ? 0 : r.nextInt(5_000_000));
        return t;
    }

    @Test
    void windowsAreTheNewestDisjointOrderedSlicesAndNeverSplitAnInstant() {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            long[] t = times(r, 200 + r.nextInt(800));
            int count = 1 + r.nextInt(5);
            double fraction = 0.05 + r.nextDouble() * 0.1;
            List<WalkForwardWindows.Window> w = WalkForwardWindows.of(t, count, fraction);
            assertEquals(count, w.size());
            assertEquals(t.length, w.get(count - 1).end(), "the newest window ends at the newest row");
            for (int k = 0; k < count; k++) {
                WalkForwardWindows.Window x = w.get(k);
                assertTrue(x.start() > 0 && x.start() < x.end());
                if (k > 0) assertEquals(w.get(k - 1).end(), x.start(), "adjacent");
                assertTrue(t[x.start() - 1] < t[x.start()], "an instant is never split at a window start");
            }
        }
    }

    @Test
    void maturedBeforeMatchesABruteForceScan() {
        Random r = new Random(5);
        for (int round = 0; round < 500; round++) {
            long[] t = times(r, 1 + r.nextInt(300));
            int start = r.nextInt(t.length);
            long purge = r.nextInt(4) == 0 ? 0 : r.nextInt(50_000_000);
            int expected = 0;
            for (int i = 0; i < start; i++) if (t[i] + purge <= t[start]) expected = i + 1;
            assertEquals(expected, WalkForwardWindows.maturedBefore(t, start, purge), "round " + round);
        }
    }

    @Test
    void tooManyWindowsLeaveNothingToTrainOnAndSayWhy() {
        long[] t = new long[100];
        for (int i = 0; i < t.length; i++) t[i] = i;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WalkForwardWindows.of(t, 4, 0.25));
        assertTrue(e.getMessage().contains("nothing to train on"), e.getMessage());
    }
}
