package com.alphaleak;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Base of every exception this project throws on purpose: it carries the process exit code
 * ({@link ExitCodes}) the CLI ends with when the exception stops a command. The CLI maps
 * exceptions to exit codes in one place, by taking the first {@code AlphaLeakException} in the
 * cause chain; anything else is an unexpected failure ({@link ExitCodes#FAILURE}). So a module
 * adds a refusal with its own code by extending this class, without the CLI knowing the type.
 */
public abstract class AlphaLeakException extends RuntimeException {
    private final int exitCode;

    protected AlphaLeakException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    protected AlphaLeakException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** One of {@link ExitCodes}. */
    public final int exitCode() {
        return exitCode;
    }

    /**
     * The first {@code AlphaLeakException} in {@code t}'s cause chain (t included), or null. Spark
     * and executors wrap the exceptions of a task, so the one that says what went wrong is often a
     * cause of the exception that reaches the command.
     */
    public static AlphaLeakException find(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof AlphaLeakException a) return a;
        }
        return null;
    }

    /** The exit code a command stopped by {@code t} ends with. */
    public static int exitCodeOf(Throwable t) {
        AlphaLeakException a = find(t);
        return a == null ? ExitCodes.FAILURE : a.exitCode();
    }
}
