package com.alphaleak.training.prune;

import com.alphaleak.config.AlphaLeakConfig;

/** The {@link RungPlanner} of an {@code alphaleak.tuning.pruner} section. */
public final class RungPlanners {
    private RungPlanners() {}

    /**
     * @param studyName     names the search in Hyperband's bracket hash (e.g. dataset/target), so a
     *                      search's brackets do not change from run to run
     * @param maxIterations the trials' iteration cap, Hyperband's max resource
     */
    public static RungPlanner of(AlphaLeakConfig.Pruner p, String studyName, int maxIterations) {
        return switch (p.type()) {
            case NONE -> RungPlanner.none();
            case SUCCESSIVE_HALVING -> RungPlanner.successiveHalving(p.minResource(), p.reductionFactor(), p.minEarlyStoppingRate());
            case HYPERBAND -> RungPlanner.hyperband(studyName, p.minResource(), Math.max(maxIterations, p.minResource()),
                    p.reductionFactor());
        };
    }

    /**
     * As {@link #of}, for a search whose validation slice has {@code validationPositives} positives:
     * no pruning below the section's {@code min-validation-positives}.
     */
    public static RungPlanner forSearch(AlphaLeakConfig.Pruner p, String studyName, int maxIterations, long validationPositives) {
        return prunes(p, validationPositives) ? of(p, studyName, maxIterations) : RungPlanner.none();
    }

    /** Whether a search with {@code validationPositives} validation positives is pruned under {@code p}. */
    public static boolean prunes(AlphaLeakConfig.Pruner p, long validationPositives) {
        return p.type() != com.alphaleak.config.PrunerType.NONE && validationPositives >= p.minValidationPositives();
    }
}
