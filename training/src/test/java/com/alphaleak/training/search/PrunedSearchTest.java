package com.alphaleak.training.search;

import com.alphaleak.testing.SharedSpark;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.prune.RungPlan;
import com.alphaleak.training.prune.RungPlanner;
import com.alphaleak.training.tpe.Distribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunedSearchTest extends SharedSpark {
    private static final SplitMatrices DATA = SyntheticMatrices.of(13, 2000, 800, 6, 0.12);
    private static final int MAX_ITERATIONS = 60;
    private static final BoosterTrial TRIAL = new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), MAX_ITERATIONS, 10);
    private static final Map<String, Object> PARAMS = Map.of("num_leaves", 15, "learning_rate", 0.1, "min_child_samples", 20,
            "feature_fraction", 0.8);

    private static Map<String, Distribution> space() {
        Map<String, Distribution> s = new LinkedHashMap<>();
        s.put("num_leaves", new Distribution.IntRange(4, 64, false));
        s.put("learning_rate", new Distribution.FloatRange(0.005, 0.3, true));
        s.put("min_child_samples", new Distribution.IntRange(5, 100, false));
        s.put("feature_fraction", new Distribution.FloatRange(0.5, 1.0, false));
        return s;
    }

    @Test
    void aTrialBelowTheBarStopsAtTheRungAndIsRecordedWithIt() {
        RungPlan plan = new RungPlan(-1, List.of(new RungPlan.Rung(3, Double.NEGATIVE_INFINITY), new RungPlan.Rung(9, 2.0)));
        TrialResult r = new DriverTrialExecutor(DATA, TRIAL, 1).run(new TrialSpec(4, PARAMS, 1, plan));
        assertEquals(TrialResult.Status.PRUNED, r.status());
        assertEquals(9, r.prunedAtStep());
        assertEquals(9, r.iterations(), "no iteration after the rung");
        assertEquals(9, r.validationCurve().size());
        assertEquals(RungPlanner.bestSoFar(r.curve(), 9), r.value(), "its value is the best so far");
    }

    @Test
    void aTrialThatReachesTheBarGoesOnToEarlyStopping() {
        TrialResult free = new DriverTrialExecutor(DATA, TRIAL, 1).run(new TrialSpec(4, PARAMS, 1));
        double atRung = RungPlanner.bestSoFar(free.curve(), 9);
        RungPlan plan = new RungPlan(-1, List.of(new RungPlan.Rung(9, atRung)));
        TrialResult r = new DriverTrialExecutor(DATA, TRIAL, 1).run(new TrialSpec(4, PARAMS, 1, plan));
        assertEquals(TrialResult.Status.COMPLETE, r.status(), "a value equal to the bar goes on (Optuna's ties)");
        assertEquals(0, r.prunedAtStep());
        assertEquals(free.modelSha256(), r.modelSha256(), "a rung it passes does not change the model");
        assertTrue(r.iterations() > 9);
    }

    private static HyperparameterSearch.Result prunedSearch(TrialFunction f) {
        try (SparkTaskTrialExecutor tasks = new SparkTaskTrialExecutor(spark(), DATA, f, 2, 1)) {
            return HyperparameterSearch.over(space()).trials(14).parallelism(2).startupTrials(4).seed(21)
                    .pruner(RungPlanner.successiveHalving(2, 3, 0), MAX_ITERATIONS).executor(tasks).execute();
        }
    }

    /** What must be identical between two runs of one search. */
    private static List<Object> record(TrialResult t) {
        return List.of(t.number(), t.params(), t.status(), t.value(), t.bestIteration(), t.iterations(), t.prunedAtStep(),
                t.validationCurve(), String.valueOf(t.modelSha256()));
    }

    @Test
    void aPrunedSearchWithParallelismGivesTheSameTrialsTwiceAndNeverPicksAPrunedTrial() {
        FlakyTrial shuffled = new FlakyTrial(TRIAL, Set.of(), Set.of(), true);
        HyperparameterSearch.Result a = prunedSearch(shuffled);
        HyperparameterSearch.Result b = prunedSearch(shuffled);
        for (int i = 0; i < a.trials().size(); i++) assertEquals(record(a.trials().get(i)), record(b.trials().get(i)), "trial " + i);
        assertTrue(a.pruned() > 0, "the search pruned something: " + a.trials().stream().map(TrialResult::status).toList());
        for (TrialResult t : a.trials()) {
            if (!t.pruned()) continue;
            assertTrue(Set.of(2, 6, 18, 54).contains(t.prunedAtStep()), "pruned at a rung: " + t.prunedAtStep());
            assertEquals(t.prunedAtStep(), t.iterations());
        }
        assertTrue(a.best().orElseThrow().complete());
        assertEquals(a.best().map(TrialResult::number), b.best().map(TrialResult::number));
    }

    /** Trial 0 trains 40 iterations and is then pruned; every other trial completes after 1 iteration. */
    private record StrongTrialPruned(BoosterTrial strong, BoosterTrial weak) implements TrialFunction {
        @Override
        public TrainingRun train(TrialData data, TrialSpec spec) {
            if (spec.number() != 0) return weak.train(data, spec);
            return strong.train(data, new TrialSpec(0, spec.params(), spec.attempt(),
                    new RungPlan(-1, List.of(new RungPlan.Rung(40, Double.POSITIVE_INFINITY)))));
        }
    }

    @Test
    void aPrunedTrialWithTheHighestValueIsNotTheBest() {
        StrongTrialPruned f = new StrongTrialPruned(new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), MAX_ITERATIONS, 0),
                new BoosterTrial(42, 1, DATA.balancedScalePosWeight(), 1, 0));
        HyperparameterSearch.Result r = HyperparameterSearch.over(space()).trials(4).parallelism(1).seed(2)
                .warmStart(java.util.Optional.of(PARAMS)).executor(new DriverTrialExecutor(DATA, f, 1)).execute();
        TrialResult pruned = r.trials().get(0);
        assertEquals(TrialResult.Status.PRUNED, pruned.status());
        double bestComplete = r.trials().stream().filter(TrialResult::complete).mapToDouble(TrialResult::value).max().orElseThrow();
        assertTrue(pruned.value() > bestComplete, "precondition: the pruned trial scores highest");
        assertNotEquals(0, r.best().orElseThrow().number());
        assertTrue(r.best().orElseThrow().complete());
        assertEquals(1, r.pruned());
        assertEquals(0, r.failed());
    }

    @Test
    void theProgressLineCountsPrunedTrials() {
        TrialResult pruned = new TrialResult(3, PARAMS, TrialResult.Status.PRUNED, 0.41, 5, 6, 1200, "driver", 1, null, null, 6,
                List.of(0.4, 0.41));
        String line = new SearchProgress("sig/t", pruned, 4, 10, 2, 0, java.util.Optional.empty(), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(7)).line();
        assertTrue(line.contains("4/10 done (2 pruned)"), line);
        assertTrue(line.contains("trial 3 PRUNED at iteration 6"), line);
        assertFalse(line.contains("failed"), line);
    }
}
