package com.alphaleak.config;

/** How the trials of a hyperparameter search are executed ({@code alphaleak.tuning.mode}). */
public enum TuningMode implements ConfigEnum {
    /** Each trial is one Spark task on native LightGBM with the training split broadcast. */
    TASK_PARALLEL("task-parallel"),
    /** Each trial is a SynapseML fit, for training splits too large for one executor. */
    DATA_PARALLEL("data-parallel");

    private final String configName;

    TuningMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
