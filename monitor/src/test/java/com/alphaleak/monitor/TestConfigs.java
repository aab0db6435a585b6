package com.alphaleak.monitor;

import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.MonitorConfig;

import java.util.Map;
import java.util.Optional;

/** The monitor section of the shipped defaults ({@code conf/application.conf}), optionally with overrides. */
final class TestConfigs {
    private TestConfigs() {}

    /** @param overrides {@code --set} style, keys relative to {@code alphaleak} */
    static MonitorConfig with(Map<String, String> overrides) {
        return ConfigLoader.load(Optional.empty(), overrides).monitor();
    }

    static MonitorConfig defaults() {
        return with(Map.of());
    }

    /** Defaults with every output under {@code dir}. */
    static MonitorConfig under(String dir) {
        return with(Map.of("run.work-dir", dir));
    }
}
