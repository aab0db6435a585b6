package com.alphaleak.config;

/** Where the walk-forward backtest takes its LightGBM parameters from ({@code alphaleak.backtest.params}). */
public enum BacktestParams implements ConfigEnum {
    /** The best trial of the newest search in the trial history (what the deployed model was trained with). */
    TRIAL_HISTORY("trial-history"),
    /** A small TPE search per window on the rows before it (no parameter chosen with the window's rows). */
    SEARCH("search");

    private final String configName;

    BacktestParams(String configName) {
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
