package com.alphaleak.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict typed reads from a resolved configuration tree. Typesafe Config's own getters convert
 * silently ({@code getInt} turns 1.5 into 1, {@code getLong} turns 1e99 into Long.MAX_VALUE,
 * {@code getDuration} reads a bare 2 as two milliseconds), so every value is read from its
 * {@link ConfigValue} here instead. A bad value adds one problem, prefixed with the file and line
 * it came from, and yields a placeholder, so that one load reports every problem.
 */
final class ValueReader {
    /** {@code <whole number><unit>}, e.g. {@code 15m}, {@code 2h}, {@code 2 days}. */
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-zA-Z]+)");
    private static final Map<String, ChronoUnit> DURATION_UNITS = durationUnits();
    static final String DURATION_HELP = "a duration such as 15m, 2h or 2d (a whole number and one of ms, s, m, h, d)";

    private final String root;
    private final ConfigObject tree;
    private final List<String> problems;

    /**
     * @param root     name of the subtree's key (for messages), e.g. {@code alphaleak}
     * @param tree     the resolved subtree
     * @param problems where problems are collected
     */
    ValueReader(String root, ConfigObject tree, List<String> problems) {
        this.root = root;
        this.tree = tree;
        this.problems = problems;
    }

    // --- lookup and messages ---

    /** The value at a path relative to the root, a ConfigNull for null, or null when absent. */
    ConfigValue lookup(String path) {
        ConfigValue v = tree;
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(v instanceof ConfigObject o)) return null;
            v = o.get(key);
            if (v == null) return null;
        }
        return v;
    }

    boolean isNull(String path) {
        ConfigValue v = lookup(path);
        return v == null || v.valueType() == ConfigValueType.NULL;
    }

    /** Full key of a relative path, e.g. {@code alphaleak.run.seed}. */
    String key(String path) {
        return root + "." + path;
    }

    /** Records a problem with the key's value, prefixed with where that value was set. */
    void problem(String path, String message) {
        problems.add(where(lookup(path)) + ": " + key(path) + " " + message);
    }

    /** {@code file:line} of a value: the profile, {@code application.conf} or the {@code --set} option. */
    static String where(ConfigValue v) {
        return v == null ? "(missing)" : where(v.origin());
    }

    static String where(ConfigOrigin o) {
        if (o == null) return "(unknown origin)";
        String file = o.resource() != null ? o.resource() : o.filename();
        if (file != null) return o.lineNumber() > 0 ? file + ":" + o.lineNumber() : file;
        // --set options: the description is "--set key", Typesafe appends the line of the one-line source.
        return o.description().replaceFirst(": -?\\d+$", "");
    }

    private static String found(ConfigValue v) {
        if (v == null) return "nothing";
        return switch (v.valueType()) {
            case NULL -> "null";
            case OBJECT -> "an object";
            case LIST -> "a list";
            case STRING -> "'" + v.unwrapped() + "'";
            default -> scalarText(v).orElse(v.render());
        };
    }

    /**
     * The text of a scalar as written: strings as they are, numbers with their original spelling
     * ({@code 007} stays "007" for a run id, {@code 1e99} stays "1e99"). {@link ConfigValue#render()}
     * and {@code unwrapped()} would give "7" and 1.0E99; Typesafe keeps the spelling for
     * {@code getString}, which is what {@code atKey} gives access to.
     */
    private static Optional<String> scalarText(ConfigValue v) {
        if (v == null) return Optional.empty();
        return switch (v.valueType()) {
            case STRING -> Optional.of((String) v.unwrapped());
            case NUMBER, BOOLEAN -> Optional.of(v.atKey("v").getString("v"));
            default -> Optional.empty();
        };
    }

    // --- scalars ---

    String string(String path) {
        ConfigValue v = lookup(path);
        Optional<String> s = scalarText(v);
        if (s.isEmpty()) {
            problem(path, "must be a string, found " + found(v));
            return "";
        }
        return s.get();
    }

    Optional<String> optString(String path) {
        return isNull(path) ? Optional.empty() : Optional.of(string(path));
    }

    boolean bool(String path, boolean fallback) {
        ConfigValue v = lookup(path);
        if (v != null && v.valueType() == ConfigValueType.BOOLEAN) return (Boolean) v.unwrapped();
        if (v != null && v.valueType() == ConfigValueType.STRING) {
            String s = ((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        }
        problem(path, "must be true or false, found " + found(v));
        return fallback;
    }

    /**
     * A whole number within [min, max]. 1.5 is rejected, not rounded; 1e3 is 1000; 1e99 is out of
     * range, not clamped. Quoted numbers (from environment substitutions) are read the same way.
     */
    long integer(String path, long min, long max, long fallback) {
        ConfigValue v = lookup(path);
        BigDecimal d = decimal(path, v, "a whole number");
        if (d == null) return fallback;
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            problem(path, "must be a whole number, found " + found(v));
            return fallback;
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(path, range(min, max) + ", found " + found(v));
            return fallback;
        }
        return d.longValueExact();
    }

    private static String range(long min, long max) {
        boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
        if (unbounded && min == 1) return "must be > 0";
        if (unbounded && min == 0) return "must be >= 0";
        return "must be a whole number between " + min + " and " + max;
    }

    int positiveInt(String path) {
        return (int) integer(path, 1, Integer.MAX_VALUE, 1);
    }

    int nonNegativeInt(String path) {
        return (int) integer(path, 0, Integer.MAX_VALUE, 0);
    }

    /** A finite number (no NaN, no infinity: 1e999 is rejected rather than read as infinity). */
    double real(String path, double fallback) {
        ConfigValue v = lookup(path);
        BigDecimal d = decimal(path, v, "a number");
        if (d == null) return fallback;
        double x = d.doubleValue();
        if (Double.isInfinite(x)) {
            problem(path, "must be a finite number, found " + found(v));
            return fallback;
        }
        return x;
    }

    /** A number in an interval; open bounds exclude the end points. */
    double real(String path, double low, boolean lowOpen, double high, boolean highOpen, double fallback) {
        double x = real(path, Double.NaN);
        if (Double.isNaN(x)) return fallback;
        boolean ok = (lowOpen ? x > low : x >= low) && (highOpen ? x < high : x <= high);
        if (!ok) {
            String interval = (lowOpen ? "(" : "[") + fmt(low) + ", " + fmt(high) + (highOpen ? ")" : "]");
            problem(path, "must be in " + interval + ", found " + found(lookup(path)));
            return fallback;
        }
        return x;
    }

    double positive(String path, double fallback) {
        return real(path, 0, true, Double.POSITIVE_INFINITY, true, fallback);
    }

    double nonNegative(String path, double fallback) {
        return real(path, 0, false, Double.POSITIVE_INFINITY, true, fallback);
    }

    private static String fmt(double d) {
        return Double.isInfinite(d) ? "inf" : d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The exact decimal value of a number (or numeric string) as written, so no rounding hides anything. */
    private BigDecimal decimal(String path, ConfigValue v, String expected) {
        boolean numeric = v != null && (v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.STRING);
        Optional<String> text = numeric ? scalarText(v) : Optional.empty();
        if (text.isPresent()) {
            try {
                return new BigDecimal(text.get().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problem(path, "must be " + expected + ", found " + (v == null ? "nothing" : v.valueType() + " " + found(v)));
        return null;
    }

    /**
     * A duration written as a whole number and a unit ({@value #DURATION_HELP}). A bare number is
     * rejected because Typesafe Config would read it as milliseconds; fractions and signs are
     * rejected because they are never meant.
     */
    Duration duration(String path, Duration fallback) {
        ConfigValue v = lookup(path);
        if (v != null && v.valueType() == ConfigValueType.STRING) {
            Matcher m = DURATION.matcher(((String) v.unwrapped()).trim());
            if (m.matches()) {
                ChronoUnit unit = DURATION_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
                if (unit != null) {
                    try {
                        Duration d = Duration.of(Long.parseLong(m.group(1)), unit);
                        d.toMillis(); // consumers work in milliseconds: longer is an overflow there
                        return d;
                    } catch (NumberFormatException | ArithmeticException e) {
                        problem(path, "is too long a duration, found " + found(v));
                        return fallback;
                    }
                }
            }
        }
        problem(path, "must be " + DURATION_HELP + ", found " + found(v));
        return fallback;
    }

    Optional<Duration> optDuration(String path) {
        return isNull(path) ? Optional.empty() : Optional.of(duration(path, Duration.ZERO));
    }

    Duration positiveDuration(String path, Duration fallback) {
        Duration d = duration(path, null);
        if (d == null) return fallback;
        if (d.isZero()) {
            problem(path, "must be a positive duration, found " + found(lookup(path)));
            return fallback;
        }
        return d;
    }

    Instant instant(String path, Instant fallback) {
        String s = string(path);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ex) {
            problem(path, "must be an ISO-8601 instant such as 2026-01-05T00:00:00Z, found '" + s + "'");
            return fallback;
        }
    }

    Optional<Instant> optInstant(String path) {
        return isNull(path) ? Optional.empty() : Optional.ofNullable(instant(path, null));
    }

    /** One of the allowed constants by their {@link ConfigEnum#configName()} (case-insensitive). */
    <E extends Enum<E> & ConfigEnum> E oneOf(String path, List<E> allowed, E fallback) {
        ConfigValue v = lookup(path);
        Optional<String> s = v != null && v.valueType() == ConfigValueType.STRING ? scalarText(v) : Optional.empty();
        if (s.isPresent()) {
            for (E e : allowed) {
                if (e.configName().equalsIgnoreCase(s.get().trim())) return e;
            }
        }
        problem(path, "must be one of " + allowed.stream().map(ConfigEnum::configName).toList() + ", found " + found(v));
        return fallback;
    }

    <E extends Enum<E> & ConfigEnum> E oneOf(String path, Class<E> type) {
        E[] all = type.getEnumConstants();
        return oneOf(path, Arrays.asList(all), all[0]);
    }

    // --- collections ---

    private ConfigList list(String path, String of) {
        ConfigValue v = lookup(path);
        if (v instanceof ConfigList l) return l;
        problem(path, "must be a list of " + of + ", found " + found(v));
        return null;
    }

    List<String> stringList(String path) {
        ConfigList l = list(path, "strings");
        if (l == null) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Optional<String> s = l.get(i).valueType() == ConfigValueType.STRING ? scalarText(l.get(i)) : Optional.empty();
            if (s.isPresent()) out.add(s.get());
            else problems.add(where(l.get(i)) + ": " + key(path) + "[" + i + "] must be a string, found " + found(l.get(i)));
        }
        return out;
    }

    List<Double> doubleList(String path) {
        ConfigList l = list(path, "numbers");
        if (l == null) return List.of();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            ConfigValue e = l.get(i);
            Double d = null;
            if (e.unwrapped() instanceof Number n) {
                d = n.doubleValue();
                if (d.isInfinite() || d.isNaN()) d = null;
            }
            if (d != null) out.add(d);
            else problems.add(where(e) + ": " + key(path) + "[" + i + "] must be a finite number, found " + found(e));
        }
        return out;
    }

    /**
     * An open map of settings passed through as strings. Nested objects are flattened to dotted
     * keys, so {@code spark.sql.adaptive.enabled = true} written without quotes means the same as
     * the quoted key instead of becoming {@code "{sql={...}}"}.
     */
    Map<String, String> flatStringMap(String path) {
        Map<String, String> out = new LinkedHashMap<>();
        ConfigValue v = lookup(path);
        if (!(v instanceof ConfigObject o)) {
            problem(path, "must be an object, found " + found(v));
            return out;
        }
        flatten(path, "", o, out);
        return out;
    }

    private void flatten(String path, String prefix, ConfigObject o, Map<String, String> out) {
        for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
            String k = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ConfigValue v = e.getValue();
            if (v instanceof ConfigObject child) {
                flatten(path, k, child, out);
            } else {
                Optional<String> s = scalarText(v);
                if (s.isPresent()) out.put(k, s.get());
                else problems.add(where(v) + ": " + key(path) + " \"" + k + "\" must be a string, number or boolean, found " + found(v));
            }
        }
    }

    private static Map<String, ChronoUnit> durationUnits() {
        Map<String, ChronoUnit> m = new LinkedHashMap<>();
        for (String s : List.of("ms", "milli", "millis", "millisecond", "milliseconds")) m.put(s, ChronoUnit.MILLIS);
        for (String s : List.of("s", "second", "seconds")) m.put(s, ChronoUnit.SECONDS);
        for (String s : List.of("m", "minute", "minutes")) m.put(s, ChronoUnit.MINUTES);
        for (String s : List.of("h", "hour", "hours")) m.put(s, ChronoUnit.HOURS);
        for (String s : List.of("d", "day", "days")) m.put(s, ChronoUnit.DAYS);
        return Map.copyOf(m);
    }
}
