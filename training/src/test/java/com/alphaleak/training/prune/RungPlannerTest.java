package com.alphaleak.training.prune;

import com.alphaleak.training.tpe.TpeSearch.Direction;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RungPlannerTest {

    /** A rising, noisy curve of {@code length} iterations. */
    private static double[] curve(Random rnd, int length) {
        double[] c = new double[length];
        double level = rnd.nextDouble() * 0.3;
        for (int i = 0; i < length; i++) c[i] = level + 0.2 * (1 - Math.exp(-i / 15.0)) + rnd.nextGaussian() * 0.01;
        return c;
    }

    /** The first step at which the stateful (Optuna-tested) pruner stops {@code mine}, or 0. */
    private static int oraclePrunedAt(SuccessiveHalvingPruner oracle, SortedMap<Integer, double[]> finished, int trial,
                                      double[] mine, int minResource, int rf, int mesr, int maxStep) {
        // Every rung value the finished trials recorded, in trial order; a "prune" answer is ignored
        // because a finished curve is what it is (the pruner keeps recording later rungs).
        for (var e : finished.entrySet()) {
            for (long s = minResource * (long) Math.pow(rf, mesr); s <= e.getValue().length; s *= rf) {
                oracle.report(e.getKey(), (int) s, RungPlanner.bestSoFar(e.getValue(), (int) s));
            }
        }
        for (long s = minResource * (long) Math.pow(rf, mesr); s < maxStep && s <= mine.length; s *= rf) {
            if (oracle.report(trial, (int) s, RungPlanner.bestSoFar(mine, (int) s))) return (int) s;
        }
        return 0;
    }

    private static int planPrunedAt(RungPlan plan, double[] mine) {
        for (int s = 1; s <= mine.length; s++) if (plan.prunes(s, RungPlanner.bestSoFar(mine, s))) return s;
        return 0;
    }

    @Test
    void successiveHalvingBarsDecideAsOptunasRuleOnTheFinishedTrials() {
        Random rnd = new Random(11);
        int maxStep = 200;
        int prunedRounds = 0;
        for (int round = 0; round < 300; round++) {
            int minResource = 1 + rnd.nextInt(5), rf = 2 + rnd.nextInt(3), mesr = rnd.nextInt(2);
            SortedMap<Integer, double[]> finished = new TreeMap<>();
            int n = rnd.nextInt(12);
            for (int t = 0; t < n; t++) finished.put(t, curve(rnd, 1 + rnd.nextInt(maxStep)));
            double[] mine = curve(rnd, maxStep);
            RungPlan plan = RungPlanner.successiveHalving(minResource, rf, mesr).plan(n, finished, maxStep);
            SuccessiveHalvingPruner oracle = new SuccessiveHalvingPruner(minResource, rf, mesr, 0, Direction.MAXIMIZE);
            int expected = oraclePrunedAt(oracle, finished, n, mine, minResource, rf, mesr, maxStep);
            assertEquals(expected, planPrunedAt(plan, mine), "round " + round + ": " + plan);
            if (expected > 0) prunedRounds++;
        }
        assertTrue(prunedRounds > 30 && prunedRounds < 270, "both outcomes exercised: " + prunedRounds + " of 300 pruned");
    }

    @Test
    void hyperbandComparesATrialOnlyWithItsBracket() {
        Random rnd = new Random(5);
        int maxStep = 81;
        HyperbandPruner hb = new HyperbandPruner("s", 1, maxStep, 3, 0, Direction.MAXIMIZE);
        RungPlanner planner = RungPlanner.hyperband("s", 1, maxStep, 3);
        SortedMap<Integer, double[]> finished = new TreeMap<>();
        for (int t = 0; t < 30; t++) finished.put(t, curve(rnd, maxStep));
        for (int k = 30; k < 40; k++) {
            RungPlan plan = planner.plan(k, finished, maxStep);
            int b = hb.bracket(k);
            assertEquals(b, plan.bracket());
            SortedMap<Integer, double[]> same = new TreeMap<>();
            finished.forEach((t, c) -> { if (hb.bracket(t) == b) same.put(t, c); });
            assertEquals(RungPlanner.successiveHalving(1, 3, b).plan(k, same, maxStep).rungs(), plan.rungs());
            assertEquals((int) Math.pow(3, b), plan.rungs().get(0).step(), "bracket b starts at min_resource * rf^b");
        }
    }

    @Test
    void hyperbandBarsDecideAsTheOptunaTestedHyperbandPruner() {
        Random rnd = new Random(17);
        int maxStep = 243;
        int prunedRounds = 0;
        for (int round = 0; round < 100; round++) {
            int rf = 2 + rnd.nextInt(2);
            SortedMap<Integer, double[]> finished = new TreeMap<>();
            int n = rnd.nextInt(25);
            for (int t = 0; t < n; t++) finished.put(t, curve(rnd, 1 + rnd.nextInt(maxStep)));
            double[] mine = curve(rnd, maxStep);
            HyperbandPruner oracle = new HyperbandPruner("study-" + round, 1, maxStep, rf, 0, Direction.MAXIMIZE);
            for (var e : finished.entrySet()) {
                for (int s = 1; s <= e.getValue().length; s *= rf) oracle.report(e.getKey(), s, RungPlanner.bestSoFar(e.getValue(), s));
            }
            int expected = 0;
            for (int s = 1; s < maxStep; s *= rf) {
                if (oracle.report(n, s, RungPlanner.bestSoFar(mine, s))) {
                    expected = s;
                    break;
                }
            }
            RungPlan plan = RungPlanner.hyperband("study-" + round, 1, maxStep, rf).plan(n, finished, maxStep);
            assertEquals(expected, planPrunedAt(plan, mine), "round " + round + ": " + plan);
            if (expected > 0) prunedRounds++;
        }
        assertTrue(prunedRounds > 10 && prunedRounds < 90, "both outcomes exercised: " + prunedRounds + " of 100 pruned");
    }

    @Test
    void theConfiguredPrunerPlansItsRungs() {
        var sh = com.alphaleak.config.ConfigLoader.load(java.util.Optional.empty(),
                java.util.Map.of("tuning.pruner.type", "successive-halving")).tuning().pruner();
        assertEquals(java.util.List.of(10, 30, 90, 270, 810), RungPlanners.of(sh, "d/t", 1000).plan(0, new TreeMap<>(), 1000)
                .rungs().stream().map(RungPlan.Rung::step).toList(), "default min resource 10, reduction factor 3");
        var hb = com.alphaleak.config.ConfigLoader.load(java.util.Optional.empty(),
                java.util.Map.of("tuning.pruner.type", "hyperband")).tuning().pruner();
        assertEquals(new HyperbandPruner("d/t", 10, 1000, 3, 0, Direction.MAXIMIZE).bracket(7),
                RungPlanners.of(hb, "d/t", 1000).plan(7, new TreeMap<>(), 1000).bracket());
        var defaults = com.alphaleak.config.ConfigLoader.defaults().tuning().pruner();
        assertEquals(RungPlanners.of(hb, "d/t", 1000).plan(7, new TreeMap<>(), 1000),
                RungPlanners.forSearch(defaults, "d/t", 1000, 1000).plan(7, new TreeMap<>(), 1000), "the default is Hyperband");
        assertEquals(RungPlan.none(), RungPlanners.forSearch(defaults, "d/t", 1000, 999).plan(7, new TreeMap<>(), 1000),
                "... except below 1,000 validation positives");
    }

    @Test
    void aSearchWithFewValidationPositivesIsNotPruned() {
        var hb = com.alphaleak.config.ConfigLoader.load(java.util.Optional.empty(),
                java.util.Map.of("tuning.pruner.type", "hyperband", "tuning.pruner.min-validation-positives", "500")).tuning().pruner();
        assertEquals(RungPlan.none(), RungPlanners.forSearch(hb, "d/t", 1000, 499).plan(7, new TreeMap<>(), 1000));
        assertEquals(RungPlanners.of(hb, "d/t", 1000).plan(7, new TreeMap<>(), 1000),
                RungPlanners.forSearch(hb, "d/t", 1000, 500).plan(7, new TreeMap<>(), 1000), "at the bar: pruned as configured");
        assertNotEquals(RungPlan.none(), RungPlanners.forSearch(hb, "d/t", 1000, 500).plan(7, new TreeMap<>(), 1000));
        var always = new com.alphaleak.config.AlphaLeakConfig.Pruner(hb.type(), hb.minResource(), hb.reductionFactor(),
                hb.minEarlyStoppingRate(), 0);
        assertTrue(RungPlanners.prunes(always, 0), "0 prunes every search");
    }

    @Test
    void aTrialAloneAtARungGoesOnAndNaNStops() {
        RungPlan first = RungPlanner.successiveHalving(2, 3, 0).plan(0, new TreeMap<>(), 100);
        assertEquals(java.util.List.of(2, 6, 18, 54), first.rungs().stream().map(RungPlan.Rung::step).toList());
        assertFalse(first.prunes(2, 0.0));
        assertTrue(first.prunes(2, Double.NaN));
        assertFalse(first.prunes(3, Double.NaN), "only rung steps are judged");
    }
}
