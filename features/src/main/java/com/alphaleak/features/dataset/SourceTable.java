package com.alphaleak.features.dataset;

/**
 * Provenance of one input table in a manifest.
 *
 * @param location     where it was read (path or catalog name; never credentials)
 * @param format       delta or parquet
 * @param deltaVersion Delta version read, or -1 when the table has no versions (parquet)
 * @param maxAge       configured max age (ISO-8601 duration) or null for unbounded
 */
public record SourceTable(String location, String format, long deltaVersion, String maxAge) {
    public boolean versioned() {
        return deltaVersion >= 0;
    }
}
