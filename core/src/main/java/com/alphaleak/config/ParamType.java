package com.alphaleak.config;

/** Distribution of one search-space parameter ({@code alphaleak.tuning.space.<name>.type}). */
public enum ParamType implements ConfigEnum {
    INT("int"), LOG_INT("log-int"), FLOAT("float"), LOG_FLOAT("log-float"), CATEGORICAL("categorical");

    private final String configName;

    ParamType(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Sampled on a log scale, so its lower bound must be positive. */
    public boolean logScale() {
        return this == LOG_INT || this == LOG_FLOAT;
    }

    @Override
    public String toString() {
        return configName;
    }
}
