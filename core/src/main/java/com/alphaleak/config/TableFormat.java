package com.alphaleak.config;

/** Storage format of a table. */
public enum TableFormat implements ConfigEnum {
    DELTA, PARQUET;

    public String sparkName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String configName() {
        return sparkName();
    }
}
