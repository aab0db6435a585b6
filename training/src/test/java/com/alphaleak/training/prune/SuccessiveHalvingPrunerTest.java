package com.alphaleak.training.prune;

import com.alphaleak.training.tpe.TpeSearch.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessiveHalvingPrunerTest {

    @Test
    void aTrialGoesOnOnlyInTheTopFractionOfItsRung() {
        // rungs at steps 1, 2, 4, 8 (min resource 1, factor 2); maximising
        SuccessiveHalvingPruner p = new SuccessiveHalvingPruner(1, 2, 0, 0, Direction.MAXIMIZE);
        assertFalse(p.report(0, 0, 0.5), "below the first rung nothing is judged");
        assertFalse(p.report(0, 1, 0.5), "alone at rung 0: the best so far");
        assertEquals(0, p.rung(0));
        assertTrue(p.report(1, 1, 0.4), "two at rung 0: only the better half goes on");
        assertEquals(0, p.rung(1));
        assertFalse(p.report(2, 1, 0.9));
        assertTrue(p.report(2, 2, Double.NaN), "NaN at a rung prunes");
    }

    @Test
    void aReportThatSkipsRungsIsJudgedAtEach() {
        SuccessiveHalvingPruner p = new SuccessiveHalvingPruner(1, 2, 0, 0, Direction.MINIMIZE);
        assertFalse(p.report(0, 8, 0.1), "steps 1, 2, 4 and 8 are rungs 0..3, all reached at once");
        assertEquals(3, p.rung(0));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalvingPruner(0, 4, 0, 0, Direction.MAXIMIZE));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalvingPruner(1, 1, 0, 0, Direction.MAXIMIZE));
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalvingPruner(null, 4, 0, 1, Direction.MAXIMIZE));
        assertThrows(IllegalArgumentException.class, () -> new HyperbandPruner("s", 1, null, 3, 1, Direction.MAXIMIZE));
    }

    @Test
    void hyperbandSpreadsTrialsOverBracketsByTheirBudgets() {
        // max 81, min 1, factor 3: 5 brackets, budgets ceil(5 * 3^s / (s + 1)) for s = 4..0: 81, 34, 15, 6, 5
        HyperbandPruner p = new HyperbandPruner("study", 1, 81, 3, 0, Direction.MAXIMIZE);
        p.report(0, 0, 0.1);
        assertEquals(5, p.bracketCount());
        int[] counts = new int[5];
        for (int t = 0; t < 14100; t++) counts[p.bracket(t)]++;
        double[] share = {81 / 141.0, 34 / 141.0, 15 / 141.0, 6 / 141.0, 5 / 141.0};
        for (int b = 0; b < 5; b++) assertEquals(share[b], counts[b] / 14100.0, 0.02, "bracket " + b);
    }

    @Test
    void concurrentReportsKeepTheBestTrialAndPruneMost() throws Exception {
        // trials reporting from many threads, better trials started first: whatever the
        // interleaving, the best trial (0) is never pruned, and the rung tables stay consistent
        SuccessiveHalvingPruner p = new SuccessiveHalvingPruner(1, 3, 0, 0, Direction.MAXIMIZE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int trial = t;
                runs.add(pool.submit(() -> {
                    for (int step = 0; step <= 30; step++) {
                        if (p.report(trial, step, -trial + step / 100.0)) return step;
                    }
                    p.complete(trial);
                    return -1;
                }));
            }
            Map<Integer, Integer> prunedAt = new HashMap<>();
            for (int t = 0; t < 64; t++) prunedAt.put(t, runs.get(t).get());
            assertEquals(-1, prunedAt.get(0), "the best trial runs to the end");
            assertTrue(prunedAt.values().stream().filter(s -> s >= 0).count() >= 32, "most trials stop early: " + prunedAt);
        } finally {
            pool.shutdownNow();
        }
    }
}
