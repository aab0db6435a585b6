package com.alphaleak.config;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

import java.util.List;

/**
 * Configuration problems found at start-up (exit 2): syntax errors, unknown or renamed keys, wrong
 * types, out-of-range or non-whole numbers, durations without a unit, values outside an enumerated
 * setting. Each problem names where it was set ({@code file:line} or {@code --set key}) and the key;
 * one exception carries all of them.
 */
public final class ConfigValidationException extends AlphaLeakException {
    private final List<String> problems;

    public ConfigValidationException(List<String> problems) {
        super(ExitCodes.USAGE, "Invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
