package com.alphaleak.ingest;

import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.config.IngestConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The live PostgreSQL database: its URL, credentials and the few small queries ingest runs itself
 * (the rest is Spark's partitioned reads). Every failure becomes a {@link LiveDatabaseException}
 * whose message is scrubbed of the password and URL parameters.
 */
public final class LiveDatabase {
    private final String url;
    private final LiveCredentials credentials;
    private final int fetchSize;

    public LiveDatabase(String url, LiveCredentials credentials, int fetchSize) {
        this.url = url;
        this.credentials = credentials;
        this.fetchSize = fetchSize;
    }

    /** @throws ConfigValidationException when the configuration names no database */
    public static LiveDatabase of(IngestConfig config, LiveCredentials credentials) {
        String url = config.url().orElseThrow(() -> new ConfigValidationException(List.of(
                "alphaleak.ingest.url is not set: --set ingest.url=jdbc:postgresql://HOST:PORT/DATABASE (no credentials in it)")));
        return new LiveDatabase(url, credentials, config.fetchSize());
    }

    public String url() {
        return url;
    }

    public Properties properties() {
        return credentials.jdbcProperties(fetchSize);
    }

    public LiveCredentials credentials() {
        return credentials;
    }

    /** The largest value of {@code expression} in {@code from}, empty when the table is empty. */
    public Optional<Watermark> max(String from, String expression) {
        String sql = "SELECT max(w)::text, pg_typeof(max(w))::text FROM (SELECT " + expression + " AS w FROM " + from + ") AS src";
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1) == null ? Optional.empty() : Optional.of(new Watermark(r.getString(1), r.getString(2)));
        } catch (SQLException e) {
            throw failure("reading the watermark of " + from, e);
        }
    }

    /** Runs statements in one transaction (used by the sample loader and tests). */
    public void execute(String... statements) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("executing " + statements.length + " statement(s)", e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    /** A scrubbed exception for a failed operation, without the JDBC exception as its cause. */
    public LiveDatabaseException failure(String what, Throwable e) {
        StringBuilder msg = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            msg.append(msg.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t instanceof SQLException sql && sql.getSQLState() != null) msg.append(" [SQLState ").append(sql.getSQLState()).append(']');
        }
        return new LiveDatabaseException("live database " + hostOf(url) + ": " + what + " failed: " + credentials.scrub(msg.toString()));
    }

    /** host:port/database of the URL, without parameters. */
    public static String hostOf(String url) {
        return url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    }
}
