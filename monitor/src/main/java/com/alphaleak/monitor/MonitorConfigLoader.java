package com.alphaleak.monitor;

import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.ConfigValidationException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@link MonitorConfig} with the same layering as {@link ConfigLoader} (defaults from
 * {@code application.conf}, then the profile, then {@code --set} overrides), after
 * {@link ConfigLoader#load} has validated the whole configuration (unknown keys, types). Until
 * the monitor block joins the typed {@code AlphaLeakConfig}, this reads it from the same sources.
 */
public final class MonitorConfigLoader {
    private MonitorConfigLoader() {}

    public static MonitorConfig load(Optional<Path> profile, Map<String, String> overrides) {
        ConfigLoader.load(profile, overrides); // validates everything, throws ConfigValidationException
        return MonitorConfig.from(resolved(profile, overrides));
    }

    /** The merged, resolved configuration tree (root key {@code alphaleak}). */
    public static Config resolved(Optional<Path> profile, Map<String, String> overrides) {
        try {
            Config merged = ConfigFactory.parseResources(MonitorConfigLoader.class.getClassLoader(), "application.conf",
                    ConfigParseOptions.defaults().setAllowMissing(false));
            if (profile.isPresent()) {
                merged = ConfigFactory.parseFile(profile.get().toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                        .withFallback(merged);
            }
            Config over = ConfigFactory.empty();
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                String key = e.getKey().startsWith(ConfigLoader.ROOT + ".") ? e.getKey() : ConfigLoader.ROOT + "." + e.getKey();
                over = ConfigFactory.parseString(key + " = " + quoteIfNeeded(e.getValue())).withFallback(over);
            }
            return over.withFallback(merged).resolve();
        } catch (ConfigException ex) {
            throw new ConfigValidationException(List.of(ex.getMessage()));
        }
    }

    /** As ConfigLoader: plain tokens and structured values as they are, anything else quoted. */
    private static String quoteIfNeeded(String value) {
        String v = value.trim();
        if (v.isEmpty()) return "\"\"";
        boolean structured = v.startsWith("[") || v.startsWith("{") || v.startsWith("\"");
        boolean plain = v.matches("[A-Za-z0-9_.+\\-]+");
        if (structured || plain) return v;
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : v.toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        return sb.append('"').toString();
    }
}
