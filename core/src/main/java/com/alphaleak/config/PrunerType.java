package com.alphaleak.config;

/** How a hyperparameter search stops hopeless trials early ({@code alphaleak.tuning.pruner.type}). */
public enum PrunerType implements ConfigEnum {
    /** Every trial runs until early stopping or the iteration cap. */
    NONE("none"),
    /** Asynchronous successive halving (Optuna's {@code SuccessiveHalvingPruner}). */
    SUCCESSIVE_HALVING("successive-halving"),
    /** Hyperband: successive halving in brackets of different aggressiveness (Optuna's {@code HyperbandPruner}). */
    HYPERBAND("hyperband");

    private final String configName;

    PrunerType(String configName) {
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
