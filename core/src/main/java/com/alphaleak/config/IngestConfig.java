package com.alphaleak.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code alphaleak.ingest} section of {@link AlphaLeakConfig}: which live PostgreSQL tables the
 * {@code ingest} command reads and how each becomes one of the Delta input tables. Validated at load
 * with the rest: every target is a known input table, every mapped column is a column of that
 * table's contract, the mode's requirements (a watermark for append and upsert, none for snapshot)
 * hold. Credentials are never part of it: only the names of the environment variables or the
 * secrets file they are read from.
 *
 * @param url            JDBC URL of the live database, without user or password; empty = not configured
 * @param userEnv        environment variable holding the database user
 * @param passwordEnv    environment variable holding the password
 * @param secretsFile    a properties file with {@code user} and {@code password}, read instead of the
 *                       environment when set (mode 600 recommended)
 * @param fetchSize      rows per JDBC round trip
 * @param parallelSources sources read and committed at once (each is its own Delta commit, so their
 *                       order does not matter to a crash or a re-run)
 * @param sources        one entry per live table, in configuration order
 */
public record IngestConfig(Optional<String> url, String userEnv, String passwordEnv, Optional<String> secretsFile,
                           int fetchSize, int parallelSources, List<Source> sources) {

    /**
     * One live table.
     *
     * @param name            the entry's key under {@code ingest.sources}
     * @param from            live table name or a parenthesised query aliased like a table
     * @param target          the input table written ({@code tables.<target>})
     * @param mode            append, upsert or snapshot
     * @param watermark       live column (or expression) ordering new rows; required for append and upsert,
     *                        absent for snapshot
     * @param partitionColumn live column the parallel reads are split on (hash of its text); empty = one read
     * @param partitions      parallel JDBC reads
     * @param columns         contract column -> live column or SQL expression; an empty value means the
     *                        live system has no such column (null; only for nullable contract columns)
     */
    public record Source(String name, String from, TableLocation target, IngestMode mode, Optional<String> watermark,
                         Optional<String> partitionColumn, int partitions, Map<String, Optional<String>> columns) {}

    /** The sources, optionally only the named ones. */
    public List<Source> select(List<String> names) {
        if (names.isEmpty()) return sources;
        return sources.stream().filter(s -> names.contains(s.name())).toList();
    }
}
