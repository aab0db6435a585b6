package com.alphaleak.config;

/**
 * An enumerated setting. Its constants are spelled in configuration files as {@link #configName()};
 * {@link ConfigLoader} rejects any other spelling at load and lists the allowed ones, so a typo
 * fails before Spark starts instead of in the middle of a run.
 */
public interface ConfigEnum {
    /** The spelling in HOCON files and {@code --set} (e.g. {@code task-parallel}). */
    String configName();
}
