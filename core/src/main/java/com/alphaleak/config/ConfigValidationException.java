package com.alphaleak.config;

import java.util.List;

/** A configuration problem found at start-up: unknown keys, wrong types or out-of-range values. */
public final class ConfigValidationException extends RuntimeException {
    private final List<String> problems;

    public ConfigValidationException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
