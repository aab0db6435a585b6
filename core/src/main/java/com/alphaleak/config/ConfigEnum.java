package com.alphaleak.config;

/**
 * An enumerated setting. Its constants are spelled in configuration files as {@link #configName()};
 * {@link ConfigLoader} rejects any other spelling at load and lists the allowed ones, so a typo
 * fails before Spark starts instead of in the middle of a run.
 */
public interface ConfigEnum {
    /**
     * The spelling in HOCON files and {@code --set} (e.g. {@code task-parallel}). By default the
     * constant's name in lower case with '-' for '_' ({@code SYNAPSEML_REPLAY} is {@code synapseml-replay}).
     */
    default String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The constant's name ({@link Enum#name()}). */
    String name();
}
