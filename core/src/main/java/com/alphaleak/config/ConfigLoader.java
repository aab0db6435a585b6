package com.alphaleak.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads {@link AlphaLeakConfig}: defaults from {@code application.conf} on the classpath, then an
 * optional profile file (e.g. {@code conf/local.conf}), then {@code key=value} overrides, later
 * ones winning. Substitutions such as {@code ${alphaleak.run.work-dir}} are resolved after the
 * merge, so overriding {@code run.work-dir} moves every derived location.
 *
 * <p>Every configuration problem is a {@link ConfigValidationException} (exit 2) naming the file
 * and line (or the {@code --set} option) and the key: HOCON syntax errors, unknown keys (with the
 * nearest known key, or the new name of a renamed one), values of the wrong type, out of range, not
 * whole where a whole number is needed, or not among an enumerated setting's values. All of them
 * are reported together. Keys not present in the defaults are rejected, except under
 * {@code spark.conf}, {@code tuning.space} and {@code ingest.sources}, which are open maps
 * (the binder checks the keys inside them).
 */
public final class ConfigLoader {
    public static final String ROOT = "alphaleak";
    private static final Set<String> OPEN_MAPS = Set.of(ROOT + ".spark.conf", ROOT + ".tuning.space", ROOT + ".ingest.sources");
    /**
     * Keys of earlier versions and where they live now, so that an old profile gets told the new
     * name instead of a bare "unknown key".
     */
    static final Map<String, String> RENAMED = Map.of(
            ROOT + ".targets", ROOT + ".datasets.signal.targets",
            ROOT + ".genesis-targets", ROOT + ".datasets.genesis.targets",
            ROOT + ".dataset.output", ROOT + ".datasets.output",
            ROOT + ".dataset.signal-registry", ROOT + ".datasets.signal.registry",
            ROOT + ".dataset.genesis-registry", ROOT + ".datasets.genesis.registry");

    private ConfigLoader() {}

    /** Defaults only. */
    public static AlphaLeakConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    /**
     * @param profile   HOCON file layered over the defaults, if any
     * @param overrides keys relative to {@code alphaleak} (e.g. {@code split.validation-fraction})
     *                  or absolute (starting with {@code alphaleak.}), with HOCON values
     * @throws ConfigValidationException listing every problem found
     */
    public static AlphaLeakConfig load(Optional<Path> profile, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        Config reference = parse(() -> ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(),
                "application.conf", ConfigParseOptions.defaults().setAllowMissing(false)), problems);
        if (reference == null) throw new ConfigValidationException(problems);
        Config merged = reference;
        if (profile.isPresent()) {
            Path p = profile.get();
            if (!Files.isRegularFile(p)) {
                problems.add(p + ": profile file does not exist");
            } else {
                Config parsed = parse(() -> ConfigFactory.parseFile(p.toFile(),
                        ConfigParseOptions.defaults().setAllowMissing(false)), problems);
                if (parsed != null) merged = parsed.withFallback(merged);
            }
        }
        Config over = ConfigFactory.empty();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().startsWith(ROOT + ".") ? e.getKey() : ROOT + "." + e.getKey();
            Config one = parse(() -> ConfigFactory.parseString(key + " = " + quoteIfNeeded(e.getValue()),
                    ConfigParseOptions.defaults().setOriginDescription("--set " + e.getKey())), problems);
            if (one != null) over = one.withFallback(over);
        }
        // A file that does not parse has unknown values: stop here rather than report guesses about them.
        if (!problems.isEmpty()) throw new ConfigValidationException(problems);
        merged = over.withFallback(merged);
        Config resolved;
        Config resolvedReference;
        try {
            resolved = merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
            resolvedReference = reference.resolve();
        } catch (ConfigException ex) {
            problems.add(describe(ex));
            throw new ConfigValidationException(problems);
        }
        boolean mismatch = checkShape(resolvedReference.root(), resolved.root(), "", problems);
        if (mismatch) {
            // An object where a value belongs (or the reverse): the typed reading would only repeat it.
            throw new ConfigValidationException(problems);
        }
        AlphaLeakConfig config = new ConfigBinder(resolved.getObject(ROOT), problems).bind();
        if (!problems.isEmpty()) throw new ConfigValidationException(problems);
        return config;
    }

    private static Config parse(Supplier<Config> parser, List<String> problems) {
        try {
            return parser.get();
        } catch (ConfigException ex) {
            problems.add(describe(ex));
            return null;
        }
    }

    /** A Typesafe exception as {@code file:line: message}, without repeating the origin. */
    private static String describe(ConfigException ex) {
        String message = ex.getMessage();
        if (ex.origin() == null) return message;
        String prefix = ex.origin().description() + ": ";
        if (message.startsWith(prefix)) message = message.substring(prefix.length());
        return ValueReader.where(ex.origin()) + ": " + message;
    }

    private static String quoteIfNeeded(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return "\"\"";
        }
        // Values HOCON would read as something else (paths with ':' or '/'), quoted so that
        // --set tables.root=s3a://bucket/x works without shell gymnastics.
        boolean structured = v.startsWith("[") || v.startsWith("{") || v.startsWith("\"");
        boolean plain = v.matches("[A-Za-z0-9_.+\\-]+");
        return structured || plain ? v : ConfigValueQuoter.quote(v);
    }

    /**
     * Walks the user's tree against the reference: unknown keys and object/leaf mismatches.
     *
     * @return whether an object stands where a value belongs or the reverse
     */
    private static boolean checkShape(ConfigObject reference, ConfigObject actual, String prefix, List<String> problems) {
        boolean mismatch = false;
        for (Map.Entry<String, ConfigValue> e : actual.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ConfigValue ref = reference.get(e.getKey());
            ConfigValue val = e.getValue();
            if (ref == null) {
                if (!prefix.isEmpty() || e.getKey().equals(ROOT)) {
                    unknown(path, e.getKey(), val, reference.keySet(), problems);
                }
                continue;
            }
            if (OPEN_MAPS.contains(path)) {
                if (val.valueType() != ConfigValueType.OBJECT) {
                    problems.add(ValueReader.where(val) + ": '" + path + "' must be an object, found " + describe(val));
                    mismatch = true;
                }
                continue;
            }
            boolean refObject = ref.valueType() == ConfigValueType.OBJECT;
            boolean valObject = val.valueType() == ConfigValueType.OBJECT;
            if (refObject && valObject) {
                mismatch |= checkShape((ConfigObject) ref, (ConfigObject) val, path, problems);
            } else if (refObject != valObject && ref.valueType() != ConfigValueType.NULL) {
                problems.add(ValueReader.where(val) + ": '" + path + "' must be " + (refObject ? "an object" : "a value")
                        + ", found " + describe(val));
                mismatch = true;
            }
        }
        return mismatch;
    }

    private static void unknown(String path, String key, ConfigValue val, Set<String> known, List<String> problems) {
        if (RENAMED.containsKey(path)) {
            problems.add(ValueReader.where(val) + ": '" + path + "' was renamed to '" + RENAMED.get(path)
                    + "' (see conf/application.conf)");
        } else if (val instanceof ConfigObject o && RENAMED.keySet().stream().anyMatch(k -> k.startsWith(path + "."))) {
            // e.g. the old 'dataset' section: name the new place of each of its keys.
            for (Map.Entry<String, ConfigValue> child : o.entrySet()) {
                unknown(path + "." + child.getKey(), child.getKey(), child.getValue(), Set.of(), problems);
            }
        } else {
            problems.add(ValueReader.where(val) + ": unknown key '" + path + "'" + suggestion(key, known));
        }
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean '" + best + "'?" : "; known keys here: " + known;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    private static String describe(ConfigValue v) {
        return v.valueType().name().toLowerCase(Locale.ROOT);
    }
}
