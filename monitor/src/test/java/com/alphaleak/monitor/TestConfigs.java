package com.alphaleak.monitor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.util.Map;

/** The shipped defaults ({@code conf/application.conf}), optionally with overrides. */
final class TestConfigs {
    private TestConfigs() {}

    static Config raw(Map<String, Object> overrides) {
        Config defaults = ConfigFactory.parseResources(TestConfigs.class.getClassLoader(), "application.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigFactory.parseMap(overrides).withFallback(defaults).resolve();
    }

    static MonitorConfig defaults() {
        return MonitorConfig.from(raw(Map.of()));
    }

    /** Defaults with every output under {@code dir}. */
    static MonitorConfig under(String dir) {
        return MonitorConfig.from(raw(Map.of("alphaleak.run.work-dir", dir)));
    }
}
