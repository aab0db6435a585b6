package com.alphaleak.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a table lives. A catalog {@code table} name, when set, takes precedence over {@code path}.
 *
 * @param name   logical name as in the configuration (e.g. {@code wallet-features})
 * @param path   directory (local or {@code s3a://}) when the table is path-based
 * @param table  catalog table name ({@code db.table}) when the table is catalog-based
 * @param maxAge for context tables: a row whose known time is more than this before the
 *               signal time is treated as missing (inclusive: exactly maxAge old still matches);
 *               empty means unbounded
 */
public record TableLocation(String name, Optional<String> path, Optional<String> table,
                            TableFormat format, Optional<Duration> maxAge) {

    public static TableLocation ofPath(String name, String path, TableFormat format) {
        return new TableLocation(name, Optional.of(path), Optional.empty(), format, Optional.empty());
    }

    public boolean isCatalogTable() {
        return table.isPresent();
    }

    /** Human-readable location, for logs and error messages. */
    public String describe() {
        return name + " (" + format.sparkName() + " " + table.map(t -> "table " + t).orElseGet(() -> path.orElse("?")) + ")";
    }

    public TableLocation withMaxAge(Duration age) {
        return new TableLocation(name, path, table, format, Optional.ofNullable(age));
    }
}
