package com.alphaleak.monitor;

import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.config.TableFormat;
import com.alphaleak.config.TableLocation;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code alphaleak.monitor} block of the configuration, typed (defaults and their reasons:
 * {@code conf/application.conf} and {@code docs/monitoring.md}).
 *
 * @param scoredSignals       live scored signals ({@link MonitorContracts#SCORED_SIGNALS})
 * @param maturedOutcomes     matured outcomes ({@link MonitorContracts#MATURED_OUTCOMES})
 * @param backtest            optional scored validation period with labels, for alert bands
 * @param models              directory of model sidecars
 * @param bandsDir            where alert bands are stored per model
 * @param report              JSON report path
 * @param history             Delta history table path
 * @param asOf                evaluation instant; empty = now
 * @param window              rolling window length (a whole multiple of {@code step})
 * @param step                distance between consecutive windows
 * @param windows             windows per report
 * @param maturityGrace       added to the target horizon before the newest window ends
 * @param minMaturedPositives fewest matured positives per window for a verdict
 * @param minMaturedSignals   fewest matured signals per window for a verdict
 * @param zWatch              z of the watch-level Wilson intervals
 * @param zAct                z of the act-level Wilson intervals
 * @param thresholds          strategy thresholds checked for precision
 * @param minThresholdSignals fewest signals above a threshold for the precision check
 * @param eceBins             fixed-width reliability bins
 * @param bandK               alert band half-width in standard deviations of the backtest windows
 * @param prAucRelativeDrop   PR-AUC watch level relative to the sidecar when there is no band
 * @param psiWatch            PSI at or above which a feature is a watch
 * @param psiAct              PSI at or above which a feature calls for retraining
 * @param minPsiSignals       fewest scored signals per window for PSI
 * @param confirmWindows      consecutive newest windows that must call for retraining
 */
public record MonitorConfig(TableLocation scoredSignals, TableLocation maturedOutcomes, Optional<TableLocation> backtest,
                            String models, String bandsDir, String report, String history, Optional<Instant> asOf,
                            Duration window, Duration step, int windows, Duration maturityGrace,
                            int minMaturedPositives, int minMaturedSignals, double zWatch, double zAct,
                            List<Double> thresholds, int minThresholdSignals, int eceBins, double bandK,
                            double prAucRelativeDrop, double psiWatch, double psiAct, int minPsiSignals,
                            int confirmWindows) {

    public static final String PATH = "alphaleak.monitor";

    /** Window length in whole steps. */
    public int stepsPerWindow() {
        return (int) (window.toMillis() / step.toMillis());
    }

    public MonitorConfig withAsOf(Instant instant) {
        return new MonitorConfig(scoredSignals, maturedOutcomes, backtest, models, bandsDir, report, history,
                Optional.of(instant), window, step, windows, maturityGrace, minMaturedPositives, minMaturedSignals,
                zWatch, zAct, thresholds, minThresholdSignals, eceBins, bandK, prAucRelativeDrop, psiWatch, psiAct,
                minPsiSignals, confirmWindows);
    }

    /**
     * Reads {@code alphaleak.monitor.*} of a resolved configuration.
     *
     * @throws ConfigValidationException listing every missing, mistyped or out-of-range value
     */
    public static MonitorConfig from(Config root) {
        List<String> problems = new ArrayList<>();
        if (!root.hasPath(PATH)) {
            throw new ConfigValidationException(List.of("missing block '" + PATH + "' (see conf/application.conf)"));
        }
        Reader r = new Reader(root.getConfig(PATH), problems);
        TableLocation scored = r.table("scored-signals", true).orElse(null);
        TableLocation outcomes = r.table("matured-outcomes", true).orElse(null);
        Optional<TableLocation> backtest = r.table("backtest", false);
        Optional<Instant> asOf = r.optInstant("as-of");
        Duration window = r.positiveDuration("window");
        Duration step = r.positiveDuration("step");
        if (window.toMillis() % step.toMillis() != 0 || window.compareTo(step) < 0) {
            problems.add(PATH + ".window (" + window + ") must be a whole multiple of " + PATH + ".step (" + step + ")");
        }
        double zWatch = r.positiveDouble("z-watch");
        double zAct = r.positiveDouble("z-act");
        if (zAct < zWatch) problems.add(PATH + ".z-act (" + zAct + ") must be >= z-watch (" + zWatch + ")");
        List<Double> thresholds = r.get("thresholds", c -> c.getDoubleList("thresholds"), List.of());
        for (double t : thresholds) {
            if (!(t > 0 && t < 1)) problems.add(PATH + ".thresholds: " + t + " is not in (0, 1)");
        }
        double psiWatch = r.positiveDouble("psi-watch");
        double psiAct = r.positiveDouble("psi-act");
        if (psiAct < psiWatch) problems.add(PATH + ".psi-act (" + psiAct + ") must be >= psi-watch (" + psiWatch + ")");
        double drop = r.get("pr-auc-relative-drop", c -> c.getDouble("pr-auc-relative-drop"), 0.3);
        if (!(drop > 0 && drop < 1)) problems.add(PATH + ".pr-auc-relative-drop must be in (0, 1), found " + drop);
        Duration grace = r.get("maturity-grace", c -> c.getDuration("maturity-grace"), Duration.ZERO);
        if (grace.isNegative()) problems.add(PATH + ".maturity-grace must not be negative");
        MonitorConfig cfg = new MonitorConfig(scored, outcomes, backtest, r.string("models"), r.string("bands-dir"),
                r.string("report"), r.string("history"), asOf, window, step, r.positiveInt("windows"), grace,
                r.positiveInt("min-matured-positives"), r.positiveInt("min-matured-signals"), zWatch, zAct,
                List.copyOf(thresholds), r.positiveInt("min-threshold-signals"), r.positiveInt("ece-bins"),
                r.positiveDouble("band-k"), drop, psiWatch, psiAct, r.positiveInt("min-psi-signals"),
                r.positiveInt("confirm-windows"));
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems);
        }
        return cfg;
    }

    private static final class Reader {
        private final Config c;
        private final List<String> problems;

        Reader(Config c, List<String> problems) {
            this.c = c;
            this.problems = problems;
        }

        <T> T get(String key, Function<Config, T> getter, T fallback) {
            try {
                return getter.apply(c);
            } catch (ConfigException.Missing ex) {
                problems.add(PATH + "." + key + " is missing");
                return fallback;
            } catch (ConfigException.WrongType | ConfigException.BadValue ex) {
                problems.add(PATH + "." + key + ": " + ex.getMessage());
                return fallback;
            }
        }

        String string(String key) {
            return get(key, x -> x.getString(key), "");
        }

        int positiveInt(String key) {
            int v = get(key, x -> x.getInt(key), 1);
            if (v <= 0) problems.add(PATH + "." + key + " must be > 0, found " + v);
            return v;
        }

        double positiveDouble(String key) {
            double v = get(key, x -> x.getDouble(key), 1.0);
            if (!(v > 0)) problems.add(PATH + "." + key + " must be > 0, found " + v);
            return v;
        }

        Duration positiveDuration(String key) {
            Duration d = get(key, x -> x.getDuration(key), Duration.ofDays(1));
            if (d.isZero() || d.isNegative()) {
                problems.add(PATH + "." + key + " must be a positive duration, found " + d);
                return Duration.ofDays(1);
            }
            return d;
        }

        Optional<Instant> optInstant(String key) {
            if (!c.hasPathOrNull(key) || c.getIsNull(key)) return Optional.empty();
            String s = string(key);
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException ex) {
                problems.add(PATH + "." + key + " must be an ISO-8601 instant such as 2026-01-20T00:00:00Z, found '" + s + "'");
                return Optional.empty();
            }
        }

        private Optional<String> optString(String key) {
            if (!c.hasPathOrNull(key) || c.getIsNull(key)) return Optional.empty();
            return Optional.of(string(key));
        }

        Optional<TableLocation> table(String name, boolean required) {
            if (!c.hasPath(name)) {
                problems.add(PATH + "." + name + " is missing");
                return Optional.empty();
            }
            Optional<String> path = optString(name + ".path");
            Optional<String> table = optString(name + ".table");
            if (path.isEmpty() && table.isEmpty()) {
                if (required) problems.add(PATH + "." + name + ": set either path or table");
                return Optional.empty();
            }
            String f = string(name + ".format");
            TableFormat format = TableFormat.DELTA;
            try {
                format = TableFormat.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(PATH + "." + name + ".format must be delta or parquet, found '" + f + "'");
            }
            return Optional.of(new TableLocation(name, path, table, format, Optional.empty()));
        }
    }
}
