package com.alphaleak.training.prune;

import com.alphaleak.training.tpe.TpeSearch.Direction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Asynchronous successive halving (ASHA) with the semantics of Optuna 5.0's
 * {@code SuccessiveHalvingPruner}. Rung r is reached at step
 * {@code minResource * reductionFactor^(minEarlyStoppingRate + r)}; a trial reaching a rung records
 * its value there and goes on only if that value is in the top {@code 1 / reductionFactor} of the
 * values every trial recorded at that rung so far (at least the best one), otherwise it is pruned.
 * A trial whose report skips rungs is judged at each of them with the same value. NaN at a rung
 * prunes. {@code minResource} "auto" waits for the first completed trial and takes
 * {@code max(lastStep / 100, 1)} over completed trials, as Optuna.
 */
public final class SuccessiveHalvingPruner implements Pruner {
    private Integer minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;
    private final Direction direction;
    private final IntermediateValues values = new IntermediateValues();
    /** Per trial, its value at each rung it completed, in rung order (Optuna's completed_rung_i attributes). */
    private final Map<Integer, List<Double>> rungs = new HashMap<>();

    /**
     * @param minResource {@code null} for Optuna's "auto"
     */
    public SuccessiveHalvingPruner(Integer minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount, Direction direction) {
        if (minResource != null && minResource < 1) throw new IllegalArgumentException("min resource must be >= 1 or auto, got " + minResource);
        if (reductionFactor < 2) throw new IllegalArgumentException("reduction factor must be >= 2, got " + reductionFactor);
        if (minEarlyStoppingRate < 0) throw new IllegalArgumentException("min early stopping rate must be >= 0, got " + minEarlyStoppingRate);
        if (bootstrapCount < 0) throw new IllegalArgumentException("bootstrap count must be >= 0, got " + bootstrapCount);
        if (bootstrapCount > 0 && minResource == null) throw new IllegalArgumentException("bootstrap count > 0 needs an explicit min resource");
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
        this.direction = direction;
    }

    /** Optuna's defaults: min resource auto, reduction factor 4, min early stopping rate 0, no bootstrap. */
    public static SuccessiveHalvingPruner defaults(Direction direction) {
        return new SuccessiveHalvingPruner(null, 4, 0, 0, direction);
    }

    @Override
    public synchronized boolean report(int trial, int step, double value) {
        values.report(trial, step, value);
        return decide(trial, values.lastStep(trial), values.lastValue(trial), values.maxCompletedStep());
    }

    @Override
    public synchronized void complete(int trial) {
        values.complete(trial);
    }

    /** The rung the trial reached last (-1: none yet). */
    public synchronized int rung(int trial) {
        return rungs.getOrDefault(trial, List.of()).size() - 1;
    }

    /** Optuna's {@code SuccessiveHalvingPruner.prune} for the trial's last step and the value there. */
    synchronized boolean decide(int trial, int step, double value, OptionalInt maxCompletedStep) {
        List<Double> mine = rungs.computeIfAbsent(trial, t -> new ArrayList<>());
        int rung = mine.size();
        while (true) {
            if (minResource == null) {
                if (maxCompletedStep.isEmpty()) return false;
                minResource = Math.max(maxCompletedStep.getAsInt() / 100, 1);
            }
            long promotionStep = minResource * pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < promotionStep) return false;
            if (Double.isNaN(value)) return true;
            List<Double> competing = new ArrayList<>();
            for (Map.Entry<Integer, List<Double>> e : rungs.entrySet()) {
                if (e.getKey() != trial && e.getValue().size() > rung) competing.add(e.getValue().get(rung));
            }
            competing.add(value);
            mine.add(value);
            if (competing.size() <= bootstrapCount) return true;
            if (!promotable(value, competing)) return true;
            rung++;
        }
    }

    /**
     * The rungs below {@code maxStep} with the bar Optuna's rule sets there, from the trials that
     * recorded that rung: a finished curve records rung r when it ran at least r's step, with its
     * best value so far at that step. A new value v with n such values goes on iff it is within the
     * top {@code max((n + 1) / rf, 1)} of them and itself (ties go on), i.e. iff v is at least
     * their {@code max((n + 1) / rf, 1)}-th largest; with fewer values every non-NaN value goes on.
     */
    static RungPlan plan(int minResource, int reductionFactor, int minEarlyStoppingRate, int bracket,
                         java.util.Collection<double[]> finished, int maxStep) {
        List<RungPlan.Rung> rungs = new ArrayList<>();
        for (int rung = 0; ; rung++) {
            long step = minResource * pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step >= maxStep) break;
            List<Double> recorded = new ArrayList<>();
            for (double[] curve : finished) {
                if (curve.length >= step) recorded.add(RungPlanner.bestSoFar(curve, (int) step));
            }
            int top = Math.max((recorded.size() + 1) / reductionFactor, 1);
            double bar = Double.NEGATIVE_INFINITY;
            if (recorded.size() >= top) {
                // NaN sorts last in Double.compare, so it never sets a bar above a number.
                recorded.sort(java.util.Comparator.comparingDouble((Double d) -> Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d).reversed());
                double v = recorded.get(top - 1);
                if (!Double.isNaN(v)) bar = v;
            }
            rungs.add(new RungPlan.Rung((int) step, bar));
        }
        return new RungPlan(bracket, rungs);
    }

    private boolean promotable(double value, List<Double> competing) {
        int idx = Math.max(competing.size() / reductionFactor - 1, 0);
        competing.sort(Double::compare);
        return direction == Direction.MAXIMIZE ? value >= competing.get(competing.size() - 1 - idx) : value <= competing.get(idx);
    }

    private static long pow(int base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r = Math.multiplyExact(r, base);
        return r;
    }
}
