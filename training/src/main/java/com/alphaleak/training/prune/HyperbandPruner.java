package com.alphaleak.training.prune;

import com.alphaleak.training.tpe.TpeSearch.Direction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Hyperband with the semantics of Optuna 5.0's {@code HyperbandPruner}: brackets
 * {@code 0 .. floor(log_rf(maxResource / minResource))}, bracket b an asynchronous successive
 * halving with min early stopping rate b; a trial's bracket is
 * {@code crc32("<study name>_<trial number>") mod total budget}, where bracket b's share of the
 * budget is {@code ceil(n * rf^(n-1-b) / (n-b))}, so most trials land in the aggressive brackets.
 * {@code maxResource} "auto" waits for the first completed trial and takes its last step + 1.
 * Each bracket only compares the trials assigned to it.
 */
public final class HyperbandPruner implements Pruner {
    private final String studyName;
    private final int minResource;
    private Integer maxResource;
    private final int reductionFactor;
    private final int bootstrapCount;
    private final Direction direction;
    private final IntermediateValues values = new IntermediateValues();
    private final List<SuccessiveHalvingPruner> brackets = new ArrayList<>();
    private final List<Integer> budgets = new ArrayList<>();
    private int totalBudget;

    /**
     * @param studyName   part of the bracket hash (Optuna hashes the study name with the trial number)
     * @param maxResource {@code null} for Optuna's "auto"
     */
    public HyperbandPruner(String studyName, int minResource, Integer maxResource, int reductionFactor, int bootstrapCount, Direction direction) {
        if (minResource < 1) throw new IllegalArgumentException("min resource must be >= 1, got " + minResource);
        if (maxResource != null && maxResource < minResource) {
            throw new IllegalArgumentException("max resource " + maxResource + " is below min resource " + minResource);
        }
        if (reductionFactor < 2) throw new IllegalArgumentException("reduction factor must be >= 2, got " + reductionFactor);
        if (bootstrapCount > 0 && maxResource == null) throw new IllegalArgumentException("bootstrap count > 0 needs an explicit max resource");
        this.studyName = studyName;
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        this.bootstrapCount = bootstrapCount;
        this.direction = direction;
    }

    /** Optuna's defaults: min resource 1, max resource auto, reduction factor 3, no bootstrap. */
    public static HyperbandPruner defaults(String studyName, Direction direction) {
        return new HyperbandPruner(studyName, 1, null, 3, 0, direction);
    }

    @Override
    public synchronized boolean report(int trial, int step, double value) {
        values.report(trial, step, value);
        if (brackets.isEmpty() && !initialise()) return false;
        return brackets.get(bracket(trial)).decide(trial, values.lastStep(trial), values.lastValue(trial), values.maxCompletedStep());
    }

    @Override
    public synchronized void complete(int trial) {
        values.complete(trial);
    }

    /**
     * The rung plan of {@code trial}: successive halving with its bracket's min early stopping rate
     * over the finished trials of the same bracket. Needs an explicit max resource.
     */
    public synchronized RungPlan plan(int trial, java.util.SortedMap<Integer, double[]> finished, int maxStep) {
        if (maxResource == null) throw new IllegalStateException("a rung plan needs an explicit max resource");
        int b = bracket(trial);
        List<double[]> same = new ArrayList<>();
        for (var e : finished.entrySet()) if (bracket(e.getKey()) == b) same.add(e.getValue());
        return SuccessiveHalvingPruner.plan(minResource, reductionFactor, b, b, same, maxStep);
    }

    /** The number of brackets, once known (0 before "auto" has seen a completed trial). */
    public synchronized int bracketCount() {
        return brackets.size();
    }

    /** The bracket a trial is assigned to (with "auto", only once a trial completed). */
    public synchronized int bracket(int trial) {
        if (brackets.isEmpty() && !initialise()) throw new IllegalStateException("brackets unknown until a trial completes");
        CRC32 crc = new CRC32();
        crc.update((studyName + "_" + trial).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % totalBudget;
        for (int b = 0; b < brackets.size(); b++) {
            n -= budgets.get(b);
            if (n < 0) return b;
        }
        throw new IllegalStateException("unreachable: budgets sum to the total");
    }

    /** The rung a trial reached last in its bracket (-1: none, or brackets not yet known). */
    public synchronized int rung(int trial) {
        return brackets.isEmpty() ? -1 : brackets.get(bracket(trial)).rung(trial);
    }

    private boolean initialise() {
        if (maxResource == null) {
            if (values.maxCompletedStep().isEmpty()) return false;
            maxResource = values.maxCompletedStep().getAsInt() + 1;
        }
        int n = (int) Math.floor(Math.log((double) maxResource / minResource) / Math.log(reductionFactor)) + 1;
        for (int b = 0; b < n; b++) {
            int s = n - 1 - b;
            int budget = (int) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
            budgets.add(budget);
            totalBudget += budget;
            brackets.add(new SuccessiveHalvingPruner(minResource, reductionFactor, b, bootstrapCount, direction));
        }
        return true;
    }
}
