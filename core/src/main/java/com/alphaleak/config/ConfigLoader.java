package com.alphaleak.config;

import com.alphaleak.contracts.TargetSpec;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads {@link AlphaLeakConfig}: defaults from {@code application.conf} on the classpath, then an
 * optional profile file (e.g. {@code conf/local.conf}), then {@code key=value} overrides, later
 * ones winning. Substitutions such as {@code ${alphaleak.run.work-dir}} are resolved after the
 * merge, so overriding {@code run.work-dir} moves every derived location.
 *
 * <p>Keys not present in the defaults are rejected (typos must not be silently ignored), except
 * under {@code spark.conf} and {@code tuning.space}, which are open maps. All problems are
 * reported together in one {@link ConfigValidationException}.
 */
public final class ConfigLoader {
    public static final String ROOT = "alphaleak";
    private static final Set<String> OPEN_MAPS = Set.of(ROOT + ".spark.conf", ROOT + ".tuning.space");

    private ConfigLoader() {}

    /** Defaults only. */
    public static AlphaLeakConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    /**
     * @param profile   HOCON file layered over the defaults, if any
     * @param overrides keys relative to {@code alphaleak} (e.g. {@code split.validation-fraction})
     *                  or absolute (starting with {@code alphaleak.}), with HOCON values
     */
    public static AlphaLeakConfig load(Optional<Path> profile, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "application.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config merged = reference;
        if (profile.isPresent()) {
            Path p = profile.get();
            if (!Files.isRegularFile(p)) {
                throw new ConfigValidationException(List.of("profile file " + p + " does not exist"));
            }
            merged = ConfigFactory.parseFile(p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .withFallback(merged);
        }
        Config over = ConfigFactory.empty();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().startsWith(ROOT + ".") ? e.getKey() : ROOT + "." + e.getKey();
            try {
                over = ConfigFactory.parseString(key + " = " + quoteIfNeeded(e.getValue()),
                        ConfigParseOptions.defaults().setOriginDescription("--set " + e.getKey())).withFallback(over);
            } catch (ConfigException ex) {
                problems.add("--set " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
            }
        }
        merged = over.withFallback(merged);
        Config resolved;
        Config resolvedReference;
        try {
            resolved = merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
            resolvedReference = reference.resolve();
        } catch (ConfigException ex) {
            problems.add(ex.getMessage());
            throw new ConfigValidationException(problems);
        }
        checkShape(resolvedReference.root(), resolved.root(), "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems);
        }
        return new Binder(resolved.getConfig(ROOT), problems).bind();
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

    /** Walks the user's tree against the reference: unknown keys and object/leaf mismatches. */
    private static void checkShape(ConfigObject reference, ConfigObject actual, String prefix, List<String> problems) {
        for (Map.Entry<String, ConfigValue> e : actual.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ConfigValue ref = reference.get(e.getKey());
            ConfigValue val = e.getValue();
            if (ref == null) {
                if (!prefix.isEmpty() || e.getKey().equals(ROOT)) {
                    problems.add("unknown key '" + path + "' (" + origin(val) + ")" + suggestion(e.getKey(), reference.keySet()));
                }
                continue;
            }
            if (OPEN_MAPS.contains(path)) {
                if (val.valueType() != ConfigValueType.OBJECT) {
                    problems.add("'" + path + "' must be an object, found " + describe(val) + " (" + origin(val) + ")");
                }
                continue;
            }
            boolean refObject = ref.valueType() == ConfigValueType.OBJECT;
            boolean valObject = val.valueType() == ConfigValueType.OBJECT;
            if (refObject && valObject) {
                checkShape((ConfigObject) ref, (ConfigObject) val, path, problems);
            } else if (refObject != valObject && ref.valueType() != ConfigValueType.NULL) {
                problems.add("'" + path + "' must be " + (refObject ? "an object" : "a value") + ", found "
                        + describe(val) + " (" + origin(val) + ")");
            }
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

    static String origin(ConfigValue v) {
        return v.origin() == null ? "unknown origin" : v.origin().description();
    }

    private static String describe(ConfigValue v) {
        return v.valueType().name().toLowerCase(Locale.ROOT);
    }

    /** Reads typed values, collecting every problem before failing. */
    private static final class Binder {
        private final Config c;
        private final List<String> problems;

        Binder(Config c, List<String> problems) {
            this.c = c;
            this.problems = problems;
        }

        AlphaLeakConfig bind() {
            var run = new AlphaLeakConfig.Run(optString("run.id"), get("run.seed", c::getLong, 0L),
                    string("run.work-dir"));
            var spark = new AlphaLeakConfig.SparkSettings(optString("spark.master"), string("spark.app-name"),
                    positiveInt("spark.shuffle-partitions"), stringMap("spark.conf"));
            var tables = new AlphaLeakConfig.Tables(table("signals"), table("outcomes"), table("wallet-snapshots"),
                    table("wallet-features"), table("creator-stats"), table("token-state"), table("graph-scores"),
                    table("market-regime"), table("genesis-windows"), table("genesis-outcomes"), table("oracle"));
            var sample = new AlphaLeakConfig.Sample(positiveInt("sample.signals"), positiveInt("sample.days"),
                    instant("sample.start"), fraction("sample.regime-shift-at", false),
                    fraction("sample.bot-wallet-share", false), positiveInt("sample.wallets"),
                    positiveInt("sample.creators"));
            var dataset = new AlphaLeakConfig.DatasetSettings(string("dataset.output"),
                    string("dataset.signal-registry"), string("dataset.genesis-registry"));
            var split = new AlphaLeakConfig.Split(fraction("split.validation-fraction", true),
                    get("split.calibration-fraction", c::getDouble, 0.0));
            if (split.calibrationFraction() < 0 || split.validationFraction() + split.calibrationFraction() >= 1) {
                problems.add(ROOT + ".split: validation-fraction + calibration-fraction must be < 1 and calibration-fraction >= 0, found "
                        + split.validationFraction() + " + " + split.calibrationFraction());
            }
            var tuning = new AlphaLeakConfig.Tuning(positiveInt("tuning.trials"), nonNegativeInt("tuning.parallelism"),
                    positiveInt("tuning.threads-per-trial"), nonNegativeInt("tuning.startup-trials"),
                    positiveInt("tuning.max-iterations"), positiveInt("tuning.early-stopping-rounds"),
                    c.getIsNull("tuning.scale-pos-weight") ? Optional.empty()
                            : Optional.of(get("tuning.scale-pos-weight", c::getDouble, 1.0)),
                    oneOf("tuning.mode", AlphaLeakConfig.Tuning.MODES), string("tuning.trial-history"),
                    get("tuning.warm-start", c::getBoolean, true), get("tuning.multivariate", c::getBoolean, false),
                    nonNegativeInt("tuning.trial-retries"), space());
            var export = new AlphaLeakConfig.Export(oneOf("export.precision", AlphaLeakConfig.Export.PRECISIONS),
                    positiveInt("export.parity-rows"), get("export.margin-tolerance", c::getDouble, 0.0),
                    string("export.output"));
            var publish = new AlphaLeakConfig.Publish(string("publish.root"), get("publish.force", c::getBoolean, false),
                    get("publish.gate.pr-auc-tolerance", c::getDouble, 0.01), get("publish.gate.ece-tolerance", c::getDouble, 0.02));
            var cfg = new AlphaLeakConfig(run, spark, tables, sample, dataset, targets("targets"),
                    targets("genesis-targets"), split, tuning, export, publish);
            if (!problems.isEmpty()) {
                throw new ConfigValidationException(problems);
            }
            return cfg;
        }

        private <T> T get(String path, Function<String, T> getter, T fallback) {
            try {
                return getter.apply(path);
            } catch (ConfigException.WrongType | ConfigException.Null | ConfigException.BadValue ex) {
                problems.add(ROOT + "." + path + ": " + ex.getMessage());
                return fallback;
            }
        }

        private String string(String path) {
            return get(path, c::getString, "");
        }

        private Optional<String> optString(String path) {
            return c.getIsNull(path) ? Optional.empty() : Optional.of(string(path));
        }

        private int positiveInt(String path) {
            int v = get(path, c::getInt, 1);
            if (v <= 0) problems.add(ROOT + "." + path + " must be > 0, found " + v);
            return v;
        }

        private int nonNegativeInt(String path) {
            int v = get(path, c::getInt, 0);
            if (v < 0) problems.add(ROOT + "." + path + " must be >= 0, found " + v);
            return v;
        }

        private double fraction(String path, boolean open) {
            double v = get(path, c::getDouble, 0.5);
            boolean ok = open ? v > 0 && v < 1 : v >= 0 && v <= 1;
            if (!ok) problems.add(ROOT + "." + path + " must be in " + (open ? "(0, 1)" : "[0, 1]") + ", found " + v);
            return v;
        }

        private Instant instant(String path) {
            String s = string(path);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException ex) {
                problems.add(ROOT + "." + path + " must be an ISO-8601 instant such as 2026-01-05T00:00:00Z, found '" + s + "'");
                return Instant.EPOCH;
            }
        }

        private String oneOf(String path, List<String> allowed) {
            String v = string(path);
            if (!allowed.contains(v)) problems.add(ROOT + "." + path + " must be one of " + allowed + ", found '" + v + "'");
            return v;
        }

        private Map<String, String> stringMap(String path) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> e : c.getObject(path).entrySet()) {
                out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            }
            return out;
        }

        private TableLocation table(String name) {
            String base = "tables." + name;
            Optional<String> path = optString(base + ".path");
            Optional<String> table = optString(base + ".table");
            if (path.isEmpty() && table.isEmpty()) {
                problems.add(ROOT + "." + base + ": set either path or table");
            }
            TableFormat format = TableFormat.DELTA;
            String f = string(base + ".format");
            try {
                format = TableFormat.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(ROOT + "." + base + ".format must be delta or parquet, found '" + f + "'");
            }
            Optional<Duration> maxAge = Optional.empty();
            if (!c.getIsNull(base + ".max-age")) {
                Duration d = get(base + ".max-age", c::getDuration, Duration.ZERO);
                if (d.isNegative()) problems.add(ROOT + "." + base + ".max-age must not be negative");
                maxAge = Optional.of(d);
            }
            return new TableLocation(name, path, table, format, maxAge);
        }

        private List<TargetSpec> targets(String path) {
            List<String> names = get(path, c::getStringList, List.of());
            List<TargetSpec> out = new ArrayList<>();
            for (String n : names) {
                try {
                    out.add(TargetSpec.parse(n));
                } catch (IllegalArgumentException ex) {
                    problems.add(ROOT + "." + path + ": " + ex.getMessage());
                }
            }
            if (names.isEmpty()) problems.add(ROOT + "." + path + " must name at least one target");
            if (Set.copyOf(names).size() != names.size()) problems.add(ROOT + "." + path + " has duplicates: " + names);
            return out;
        }

        private List<ParamRange> space() {
            List<ParamRange> out = new ArrayList<>();
            ConfigObject space = c.getObject("tuning.space");
            for (String key : space.keySet()) {
                String base = "tuning.space." + quoteKey(key);
                String name = key.replace('-', '_');
                if (space.get(key).valueType() != ConfigValueType.OBJECT) {
                    problems.add(ROOT + "." + base + " must be an object {type, low, high} or {type = categorical, choices}");
                    continue;
                }
                Config p = c.getConfig(base);
                for (String k : p.root().keySet()) {
                    if (!Set.of("type", "low", "high", "choices").contains(k)) {
                        problems.add("unknown key '" + ROOT + "." + base + "." + k + "'; a parameter has type, low, high or choices");
                    }
                }
                String type = get(base + ".type", c::getString, "float");
                if (!ParamRange.TYPES.contains(type)) {
                    problems.add(ROOT + "." + base + ".type must be one of " + ParamRange.TYPES + ", found '" + type + "'");
                    continue;
                }
                if (type.equals("categorical")) {
                    List<String> choices = get(base + ".choices", c::getStringList, List.of());
                    if (choices.isEmpty()) problems.add(ROOT + "." + base + ".choices must be a non-empty list");
                    out.add(new ParamRange(name, type, Double.NaN, Double.NaN, choices));
                } else {
                    double low = get(base + ".low", c::getDouble, 0.0);
                    double high = get(base + ".high", c::getDouble, 1.0);
                    if (!(low <= high)) problems.add(ROOT + "." + base + ": low must be <= high, found " + low + " > " + high);
                    if (type.startsWith("log") && low <= 0) problems.add(ROOT + "." + base + ": a log scale needs low > 0, found " + low);
                    out.add(new ParamRange(name, type, low, high, List.of()));
                }
            }
            return out;
        }

        private static String quoteKey(String key) {
            return key.matches("[A-Za-z0-9_\\-]+") ? key : "\"" + key + "\"";
        }
    }
}
