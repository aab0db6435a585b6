package com.alphaleak.training.search;

import com.alphaleak.training.prune.RungPlan;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one trial trains: its number in the search, its parameters (LightGBM names) and the
 * rungs it is pruned at (fixed on the driver before it starts).
 *
 * @param attempt  1 for the first execution, 2 for the first retry, ...
 * @param rungPlan where the trial stops early; {@link RungPlan#none()} when the search does not prune
 */
public record TrialSpec(int number, Map<String, Object> params, int attempt, RungPlan rungPlan) implements Serializable {
    public TrialSpec {
        params = new TreeMap<>(params);
        rungPlan = rungPlan == null ? RungPlan.none() : rungPlan;
    }

    /** A trial that is never pruned. */
    public TrialSpec(int number, Map<String, Object> params, int attempt) {
        this(number, params, attempt, RungPlan.none());
    }

    public TrialSpec retry() {
        return new TrialSpec(number, params, attempt + 1, rungPlan);
    }
}
