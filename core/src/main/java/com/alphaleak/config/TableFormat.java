package com.alphaleak.config;

/** Storage format of a table. */
public enum TableFormat {
    DELTA, PARQUET;

    public String sparkName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
