package com.alphaleak.ingest;

import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.config.IngestConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The live database's user and password, from the environment variables the configuration names or
 * from its secrets file. Never printed: {@link #toString()} shows the user only, and
 * {@link #scrub(String)} removes the password (and any URL parameters) from text that is about to
 * be logged or thrown.
 */
public final class LiveCredentials {
    private static final Pattern URL_PARAMS = Pattern.compile("(jdbc:postgresql://[^\\s?'\"]*)\\?[^\\s'\"]*");

    private final String user;
    private final String password;

    private LiveCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /**
     * @param env the process environment (a map, so tests can pass their own)
     * @throws ConfigValidationException (exit 2) when a variable or the file is missing, naming
     *                                   where the value was looked for, never the value
     */
    public static LiveCredentials resolve(IngestConfig config, Map<String, String> env) {
        if (config.secretsFile().isPresent()) {
            Path file = Path.of(config.secretsFile().get());
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigValidationException(List.of("alphaleak.ingest.secrets-file: cannot read " + file
                        + " (" + e.getClass().getSimpleName() + ")"));
            }
            String user = p.getProperty("user");
            String password = p.getProperty("password");
            if (user == null || password == null) {
                throw new ConfigValidationException(List.of("alphaleak.ingest.secrets-file: " + file
                        + " needs both user=... and password=..."));
            }
            return new LiveCredentials(user.trim(), password.trim());
        }
        String user = env.get(config.userEnv());
        String password = env.get(config.passwordEnv());
        if (user == null || user.isBlank() || password == null) {
            throw new ConfigValidationException(List.of("the live database credentials are read from the environment: set "
                    + config.userEnv() + " and " + config.passwordEnv()
                    + " (alphaleak.ingest.user-env / password-env), or alphaleak.ingest.secrets-file"));
        }
        return new LiveCredentials(user, password);
    }

    public String user() {
        return user;
    }

    /** Driver properties: user, password and the fetch size. */
    public Properties jdbcProperties(int fetchSize) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("driver", "org.postgresql.Driver");
        p.setProperty("fetchsize", String.valueOf(fetchSize));
        p.setProperty("defaultRowFetchSize", String.valueOf(fetchSize));
        p.setProperty("ApplicationName", "alphaleak-ingest");
        return p;
    }

    /** The text without the password and without URL query parameters. */
    public String scrub(String text) {
        if (text == null) return null;
        String out = password.isEmpty() ? text : text.replace(password, "***");
        return URL_PARAMS.matcher(out).replaceAll("$1?***");
    }

    @Override
    public String toString() {
        return "LiveCredentials[user=" + user + ", password=***]";
    }
}
