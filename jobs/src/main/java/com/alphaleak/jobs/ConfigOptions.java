package com.alphaleak.jobs;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configuration options shared by every command (picocli mixin). */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON profile layered over the defaults (e.g. conf/local.conf, conf/cluster.conf).")
    Path profile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override one setting, relative to 'alphaleak.' (e.g. --set split.validation-fraction=0.25). Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Loads and validates the configuration; throws ConfigValidationException on any problem. */
    public AlphaLeakConfig load() {
        return ConfigLoader.load(Optional.ofNullable(profile), overrides);
    }
}
