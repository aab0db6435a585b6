package com.alphaleak.training.prune;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/** The intermediate values each trial reported, and the last steps of the trials that completed. */
final class IntermediateValues {
    private final Map<Integer, TreeMap<Integer, Double>> byTrial = new HashMap<>();
    private final Map<Integer, Integer> completedLastSteps = new HashMap<>();

    void report(int trial, int step, double value) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step + " (trial " + trial + ")");
        byTrial.computeIfAbsent(trial, t -> new TreeMap<>()).putIfAbsent(step, value);
    }

    int lastStep(int trial) {
        return byTrial.get(trial).lastKey();
    }

    /** The value at the trial's last (highest) step, as Optuna's pruners read it. */
    double lastValue(int trial) {
        return byTrial.get(trial).lastEntry().getValue();
    }

    void complete(int trial) {
        TreeMap<Integer, Double> values = byTrial.get(trial);
        if (values != null) completedLastSteps.put(trial, values.lastKey());
    }

    /** The highest last step over completed trials, if any completed with a report. */
    OptionalInt maxCompletedStep() {
        return completedLastSteps.values().stream().mapToInt(Integer::intValue).max();
    }
}
