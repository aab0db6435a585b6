package com.alphaleak.config;

/** How {@code ingest} carries one live table into its Delta input table. */
public enum IngestMode implements ConfigEnum {
    /** Insert-only live table: rows with watermark in (last committed, upper bound at start] are appended. */
    APPEND("append"),
    /**
     * Live rows updated in place until final (outcomes): rows whose watermark (last update) is past the
     * last committed one replace the target's row of the same id, in one Delta MERGE.
     */
    UPSERT("upsert"),
    /**
     * Live table recomputed in place (wallet features, creator stats, ...): the whole table is read and
     * a row is appended, stamped with the capture time as {@code known_at}, only where its content
     * differs from the latest captured row of its key.
     */
    SNAPSHOT("snapshot");

    private final String configName;

    IngestMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
