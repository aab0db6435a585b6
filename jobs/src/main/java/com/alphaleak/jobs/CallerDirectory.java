package com.alphaleak.jobs;

import java.nio.file.Path;

/**
 * The directory the user ran the command from. {@code bin/alphaleak} changes to the repository
 * before starting Java (it finds the jar and conf/ there), so the JVM's working directory is not
 * the user's; the launcher passes the user's directory in {@value #ENV}. Commands resolve
 * file arguments the user typed against it. Without the variable (java -jar, spark-submit) the
 * JVM's working directory is the caller's, and paths resolve as usual.
 */
public final class CallerDirectory {
    /** Set by bin/alphaleak to the directory it was called from. */
    public static final String ENV = "ALPHALEAK_CALLER_DIR";

    private CallerDirectory() {}

    /** {@code path} as the user meant it: absolute paths unchanged, relative ones against the caller's directory. */
    public static Path resolve(Path path) {
        if (path.isAbsolute()) return path;
        String caller = System.getenv(ENV);
        Path base = caller == null || caller.isBlank() ? Path.of("").toAbsolutePath() : Path.of(caller);
        return base.resolve(path).normalize();
    }
}
