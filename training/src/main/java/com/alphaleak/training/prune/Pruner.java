package com.alphaleak.training.prune;

/**
 * Decides whether a running trial should stop early from the intermediate values it reports
 * (Optuna's {@code trial.report(value, step)} followed by {@code trial.should_prune()}).
 * Implementations are thread-safe: trials running in parallel report concurrently.
 */
public interface Pruner {

    /**
     * Records {@code value} at {@code step} for {@code trial} (a step reported twice keeps its first
     * value, as Optuna) and answers whether the trial should stop now.
     */
    boolean report(int trial, int step, double value);

    /** The trial ran to its end; its last reported step feeds the pruners' "auto" resources. */
    void complete(int trial);

    /** Never prunes. */
    static Pruner none() {
        return new Pruner() {
            @Override
            public boolean report(int trial, int step, double value) {
                return false;
            }

            @Override
            public void complete(int trial) {}
        };
    }
}
