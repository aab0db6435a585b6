package com.alphaleak.training.prune;

import java.io.Serializable;
import java.util.List;

/**
 * The rungs one trial is judged at, fixed before it starts: at iteration {@code step} of a rung the
 * trial stops (is pruned) when its best validation value so far is below the rung's {@code bar}.
 * Computed on the driver from finished trials only, so a trial's fate depends on its inputs and
 * never on the timing of trials running beside it.
 *
 * @param bracket the Hyperband bracket the trial is in; -1 for successive halving or no pruner
 * @param rungs   in increasing step order
 */
public record RungPlan(int bracket, List<Rung> rungs) implements Serializable {

    /**
     * @param bar the lowest value that goes on; {@code -Infinity} when too few trials reached the
     *            rung to rank against (any value but NaN goes on)
     */
    public record Rung(int step, double bar) implements Serializable {}

    public RungPlan {
        rungs = List.copyOf(rungs);
    }

    private static final RungPlan NONE = new RungPlan(-1, List.of());

    /** No rungs: the trial runs until early stopping or the iteration cap. */
    public static RungPlan none() {
        return NONE;
    }

    /**
     * Whether a trial whose best value after {@code step} iterations is {@code bestSoFar} stops
     * there: {@code step} is a rung and the value is NaN or below the bar (Optuna prunes NaN too).
     */
    public boolean prunes(int step, double bestSoFar) {
        for (Rung r : rungs) {
            if (r.step() == step) return Double.isNaN(bestSoFar) || bestSoFar < r.bar();
            if (r.step() > step) return false;
        }
        return false;
    }
}
