package com.alphaleak.training.search;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one trial trains: its number in the search and its parameters (LightGBM names).
 *
 * @param attempt 1 for the first execution, 2 for the first retry, ...
 */
public record TrialSpec(int number, Map<String, Object> params, int attempt) implements Serializable {
    public TrialSpec {
        params = new TreeMap<>(params);
    }

    public TrialSpec retry() {
        return new TrialSpec(number, params, attempt + 1);
    }
}
