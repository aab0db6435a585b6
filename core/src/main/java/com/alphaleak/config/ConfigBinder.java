package com.alphaleak.config;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.registry.RegistryVersion;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link AlphaLeakConfig} from the resolved, shape-checked {@code alphaleak} tree. Every
 * section, the monitor's included, is read here and nowhere else; each bad value adds a problem
 * (with file and line) and reading goes on, so one load reports all of them.
 */
final class ConfigBinder {
    private final ValueReader r;
    private final List<String> problems;

    ConfigBinder(ConfigObject alphaleak, List<String> problems) {
        this.r = new ValueReader(ConfigLoader.ROOT, alphaleak, problems);
        this.problems = problems;
    }

    /** @return the configuration, or null when a problem was recorded */
    AlphaLeakConfig bind() {
        AlphaLeakConfig.Tables tables = tables();
        AlphaLeakConfig cfg = new AlphaLeakConfig(run(), spark(), tables, sample(), datasets(tables), split(), tuning(),
                export(), publish(), monitor(), backtest(), ingest(tables));
        return problems.isEmpty() ? cfg : null;
    }

    private AlphaLeakConfig.Run run() {
        Optional<String> id = r.optString("run.id");
        if (id.isPresent() && !AlphaLeakConfig.Run.RUN_ID.matcher(id.get()).matches()) {
            r.problem("run.id", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit ("
                    + AlphaLeakConfig.Run.RUN_ID.pattern() + "), found '" + id.get() + "'");
        }
        return new AlphaLeakConfig.Run(id, r.integer("run.seed", Long.MIN_VALUE, Long.MAX_VALUE, 0L), r.string("run.work-dir"));
    }

    private AlphaLeakConfig.SparkSettings spark() {
        return new AlphaLeakConfig.SparkSettings(r.optString("spark.master"), r.string("spark.app-name"),
                r.positiveInt("spark.shuffle-partitions"), r.flatStringMap("spark.conf"));
    }

    private AlphaLeakConfig.Tables tables() {
        return new AlphaLeakConfig.Tables(table("tables", "signals", true), table("tables", "outcomes", true),
                table("tables", "wallet-snapshots", true), table("tables", "wallet-features", true),
                table("tables", "creator-stats", true), table("tables", "token-state", true),
                table("tables", "graph-scores", true), table("tables", "market-regime", true),
                table("tables", "genesis-windows", true), table("tables", "genesis-outcomes", true),
                table("tables", "oracle", true));
    }

    /**
     * A table location under {@code section}: a path or a catalog table, a format and, where the
     * section has the key, a max age.
     */
    private TableLocation table(String section, String name, boolean withMaxAge) {
        String base = section + "." + name;
        Optional<String> path = r.optString(base + ".path");
        Optional<String> table = r.optString(base + ".table");
        if (path.isEmpty() && table.isEmpty()) {
            r.problem(base, "needs either path or table");
        }
        TableFormat format = r.oneOf(base + ".format", TableFormat.class);
        Optional<Duration> maxAge = withMaxAge ? r.optDuration(base + ".max-age") : Optional.empty();
        return new TableLocation(name, path, table, format, maxAge);
    }

    private AlphaLeakConfig.Sample sample() {
        return new AlphaLeakConfig.Sample(r.positiveInt("sample.signals"), r.positiveInt("sample.days"),
                r.instant("sample.start", Instant.EPOCH), r.real("sample.regime-shift-at", 0, false, 1, false, 0.5),
                r.real("sample.bot-wallet-share", 0, false, 1, false, 0.0), r.positiveInt("sample.wallets"),
                r.positiveInt("sample.creators"));
    }

    private AlphaLeakConfig.Datasets datasets(AlphaLeakConfig.Tables t) {
        String output = r.string("datasets.output");
        return new AlphaLeakConfig.Datasets(output,
                dataset("signal", output, Contracts.SIGNALS.name(), t.signals(), t.outcomes()),
                dataset("genesis", output, Contracts.GENESIS_WINDOWS.name(), t.genesisWindows(), t.genesisOutcomes()));
    }

    private AlphaLeakConfig.DatasetSettings dataset(String name, String output, String eventTable,
                                                    TableLocation events, TableLocation outcomes) {
        String base = "datasets." + name;
        // Only registries of this dataset's event table: a genesis registry under signal is as wrong as a typo.
        List<RegistryVersion> fitting = Arrays.stream(RegistryVersion.values())
                .filter(v -> v.eventTable().equals(eventTable)).toList();
        RegistryVersion registry = r.oneOf(base + ".registry", fitting, fitting.get(0));
        return new AlphaLeakConfig.DatasetSettings(name, registry, targets(base + ".targets"), events, outcomes,
                output + "/" + name);
    }

    private List<TargetSpec> targets(String path) {
        List<String> names = r.stringList(path);
        List<TargetSpec> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(TargetSpec.parse(n));
            } catch (IllegalArgumentException ex) {
                r.problem(path, ex.getMessage());
            }
        }
        if (names.isEmpty()) r.problem(path, "must name at least one target");
        if (Set.copyOf(names).size() != names.size()) r.problem(path, "has duplicates: " + names);
        return out;
    }

    private AlphaLeakConfig.Split split() {
        var split = new AlphaLeakConfig.Split(r.real("split.validation-fraction", 0, true, 1, true, 0.2),
                r.real("split.calibration-fraction", 0, false, 1, true, 0.0));
        if (split.validationFraction() + split.calibrationFraction() >= 1) {
            r.problem("split", "validation-fraction + calibration-fraction must be < 1 (training keeps the rest), found "
                    + split.validationFraction() + " + " + split.calibrationFraction());
        }
        return split;
    }

    private AlphaLeakConfig.Tuning tuning() {
        Optional<Double> spw = r.isNull("tuning.scale-pos-weight") ? Optional.empty()
                : Optional.of(r.positive("tuning.scale-pos-weight", 1.0));
        var tuning = new AlphaLeakConfig.Tuning(r.positiveInt("tuning.trials"), r.nonNegativeInt("tuning.parallelism"),
                r.positiveInt("tuning.threads-per-trial"), r.nonNegativeInt("tuning.startup-trials"),
                r.positiveInt("tuning.max-iterations"), r.positiveInt("tuning.early-stopping-rounds"),
                r.nonNegative("tuning.early-stopping-shrinkage", 1.0), spw,
                r.oneOf("tuning.mode", TuningMode.class), r.string("tuning.trial-history"),
                r.bool("tuning.warm-start", true), r.bool("tuning.multivariate", true),
                r.nonNegativeInt("tuning.trial-retries"), space(), r.positiveInt("tuning.concurrent-targets"), pruner(),
                new AlphaLeakConfig.SearchSample(r.oneOf("tuning.sample.method", SampleMethod.class),
                        r.nonNegativeInt("tuning.sample.max-rows"), r.nonNegativeInt("tuning.sample.min-positives"),
                        r.positiveInt("tuning.sample.confirm-top"), r.oneOf("tuning.sample.final-model", SampledFinalModel.class)),
                r.positiveInt("tuning.ensemble-size"), peakLabel(spw));
        if (!configuredPeakModels(tuning.peakLabel()).isEmpty()) {
            if (tuning.mode() == TuningMode.DATA_PARALLEL) {
                r.problem("tuning.peak-label.models", "needs tuning.mode = task-parallel: a data-parallel trial is a SynapseML "
                        + "classifier fit, which takes 0/1 labels only");
            }
            if (tuning.sample().finalModel() == SampledFinalModel.SYNAPSEML_REPLAY) {
                r.problem("tuning.peak-label.models", "needs tuning.sample.final-model = booster: a SynapseML replay is a "
                        + "classifier fit, which takes 0/1 labels only");
            }
        }
        return tuning;
    }

    /**
     * {@code tuning.peak-label}: each name must be a model name ({@code [genesis_]reach_<M>x_<H>}); a name
     * no configured dataset has is ignored (the default names the rare signal targets, and a run that does
     * not train them should not have to edit it). Where a configured model learns from its peak, the
     * settings a peak label cannot honour are refused here rather than ignored in a fit: cross entropy
     * has no class weight, and SynapseML's classifier takes only 0/1 labels ({@link #tuning}).
     */
    private AlphaLeakConfig.PeakLabel peakLabel(Optional<Double> spw) {
        List<String> models = r.stringList("tuning.peak-label.models");
        double temperature = r.real("tuning.peak-label.temperature", 0, true, 10, false, 0.3);
        for (String m : models) {
            try {
                TargetSpec.parse(m.startsWith("genesis_") ? m.substring("genesis_".length()) : m);
            } catch (IllegalArgumentException ex) {
                r.problem("tuning.peak-label.models", "'" + m + "' is not a model name ([genesis_]reach_<M>x_<H>): " + ex.getMessage());
            }
        }
        if (Set.copyOf(models).size() != models.size()) r.problem("tuning.peak-label.models", "has duplicates: " + models);
        var label = new AlphaLeakConfig.PeakLabel(models, temperature);
        if (!configuredPeakModels(label).isEmpty() && (spw.isEmpty() || spw.get() != 1.0)) {
            r.problem("tuning.peak-label.models", "needs tuning.scale-pos-weight = 1 (found " + spw.map(String::valueOf).orElse("null")
                    + ") for " + configuredPeakModels(label) + ": a peak label is fitted by cross entropy, which has no class weight "
                    + "(or set tuning.peak-label.models = [] to train every model on its 0/1 outcome)");
        }
        return label;
    }

    /** The configured models (of both datasets) that {@code label} names. */
    private List<String> configuredPeakModels(AlphaLeakConfig.PeakLabel label) {
        List<String> out = new ArrayList<>();
        for (String d : List.of("signal", "genesis")) {
            if (r.isNull("datasets." + d + ".targets")) continue;
            for (String t : r.stringList("datasets." + d + ".targets")) {
                String model = com.alphaleak.model.ModelSidecar.stem(d, t);
                if (label.appliesTo(model)) out.add(model);
            }
        }
        return out;
    }

    private AlphaLeakConfig.Pruner pruner() {
        return new AlphaLeakConfig.Pruner(r.oneOf("tuning.pruner.type", PrunerType.class),
                r.positiveInt("tuning.pruner.min-resource"), (int) r.integer("tuning.pruner.reduction-factor", 2, Integer.MAX_VALUE, 2),
                r.nonNegativeInt("tuning.pruner.min-early-stopping-rate"), r.nonNegativeInt("tuning.pruner.min-validation-positives"));
    }

    private List<ParamRange> space() {
        List<ParamRange> out = new ArrayList<>();
        ConfigValue spaceValue = r.lookup("tuning.space");
        if (!(spaceValue instanceof ConfigObject space)) return out; // reported by the shape check
        for (String key : space.keySet()) {
            String base = "tuning.space." + quoteKey(key);
            String name = key.replace('-', '_');
            if (!(space.get(key) instanceof ConfigObject p)) {
                r.problem(base, "must be an object {type, low, high} or {type = categorical, choices}");
                continue;
            }
            for (String k : p.keySet()) {
                if (!Set.of("type", "low", "high", "choices").contains(k)) {
                    r.problem(base + "." + quoteKey(k), "is an unknown key; a parameter has type, low, high or choices");
                }
            }
            ParamType type = r.oneOf(base + ".type", ParamType.class);
            if (type == ParamType.CATEGORICAL) {
                List<String> choices = r.stringList(base + ".choices");
                if (choices.isEmpty()) r.problem(base + ".choices", "must be a non-empty list");
                out.add(new ParamRange(name, type, Double.NaN, Double.NaN, choices));
                continue;
            }
            boolean integral = type == ParamType.INT || type == ParamType.LOG_INT;
            // Integer parameters are sampled as ints: a bound of 1.5 would be truncated silently.
            double low = integral ? r.integer(base + ".low", Integer.MIN_VALUE, Integer.MAX_VALUE, 0)
                    : r.real(base + ".low", 0.0);
            double high = integral ? r.integer(base + ".high", Integer.MIN_VALUE, Integer.MAX_VALUE, 1)
                    : r.real(base + ".high", 1.0);
            if (!(low <= high)) r.problem(base, "low must be <= high, found " + low + " > " + high);
            if (type.logScale() && low <= 0) r.problem(base, "needs low > 0 on a log scale, found " + low);
            out.add(new ParamRange(name, type, low, high, List.of()));
        }
        return out;
    }

    private static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_\\-]+") ? key : "\"" + key + "\"";
    }

    private AlphaLeakConfig.Export export() {
        return new AlphaLeakConfig.Export(r.oneOf("export.precision", ExportPrecision.class),
                r.positiveInt("export.parity-rows"), r.nonNegative("export.margin-tolerance", 0.0),
                r.string("export.output"));
    }

    private AlphaLeakConfig.Publish publish() {
        return new AlphaLeakConfig.Publish(r.string("publish.root"), r.bool("publish.force", false),
                r.nonNegative("publish.gate.pr-auc-tolerance", 0.01), r.nonNegative("publish.gate.ece-tolerance", 0.02));
    }

    private MonitorConfig monitor() {
        String m = "monitor.";
        TableLocation scored = table("monitor", "scored-signals", false);
        TableLocation outcomes = table("monitor", "matured-outcomes", false);
        // The backtest is optional: no path and no table means none.
        Optional<TableLocation> backtest = r.isNull(m + "backtest.path") && r.isNull(m + "backtest.table")
                ? Optional.empty() : Optional.of(table("monitor", "backtest", false));
        Duration window = r.positiveDuration(m + "window", Duration.ofDays(2));
        Duration step = r.positiveDuration(m + "step", Duration.ofDays(1));
        if (window.toMillis() % step.toMillis() != 0 || window.compareTo(step) < 0) {
            r.problem(m + "window", "(" + r.string(m + "window") + ") must be a whole multiple of " + r.key(m + "step")
                    + " (" + r.string(m + "step") + ", " + ValueReader.where(r.lookup(m + "step")) + ")");
        }
        double zWatch = r.positive(m + "z-watch", 2.0);
        double zAct = r.positive(m + "z-act", 3.0);
        if (zAct < zWatch) r.problem(m + "z-act", "(" + zAct + ") must be >= z-watch (" + zWatch + ")");
        List<Double> thresholds = r.doubleList(m + "thresholds");
        for (double t : thresholds) {
            if (!(t > 0 && t < 1)) r.problem(m + "thresholds", "contains " + t + ", which is not in (0, 1)");
        }
        double psiWatch = r.positive(m + "psi-watch", 0.1);
        double psiAct = r.positive(m + "psi-act", 0.2);
        if (psiAct < psiWatch) r.problem(m + "psi-act", "(" + psiAct + ") must be >= psi-watch (" + psiWatch + ")");
        return new MonitorConfig(scored, outcomes, backtest, r.string(m + "models"), r.string(m + "bands-dir"),
                r.string(m + "report"), r.string(m + "history"), r.optInstant(m + "as-of"), window, step,
                r.positiveInt(m + "windows"), r.duration(m + "maturity-grace", Duration.ZERO),
                r.positiveInt(m + "min-matured-positives"), r.positiveInt(m + "min-matured-signals"), zWatch, zAct,
                List.copyOf(thresholds), r.positiveInt(m + "min-threshold-signals"), r.positiveInt(m + "ece-bins"),
                r.positive(m + "band-k", 3.0), r.real(m + "pr-auc-relative-drop", 0, true, 1, true, 0.3), psiWatch, psiAct,
                r.positiveInt(m + "min-psi-signals"), r.positiveInt(m + "confirm-windows"));
    }

    private AlphaLeakConfig.Backtest backtest() {
        String b = "backtest.";
        int windows = r.positiveInt(b + "windows");
        double fraction = r.real(b + "window-fraction", 0, true, 1, true, 0.1);
        if (windows * fraction >= 1) {
            r.problem(b + "window-fraction", "x windows must be < 1 (the first window needs rows before it to train on), found "
                    + windows + " x " + fraction);
        }
        List<Double> thresholds = r.doubleList(b + "thresholds");
        for (double t : thresholds) {
            if (!(t > 0 && t < 1)) r.problem(b + "thresholds", "contains " + t + ", which is not in (0, 1)");
        }
        List<String> models = r.stringList(b + "models");
        if (Set.copyOf(models).size() != models.size()) r.problem(b + "models", "has duplicates: " + models);
        return new AlphaLeakConfig.Backtest(windows, fraction, r.real(b + "validation-fraction", 0, true, 1, true, 0.2),
                r.oneOf(b + "params", BacktestParams.class), r.positiveInt(b + "search-trials"), List.copyOf(thresholds), List.copyOf(models),
                r.string(b + "output"));
    }

    /** Keys a source under {@code ingest.sources} may have. */
    private static final Set<String> SOURCE_KEYS = Set.of("from", "target", "mode", "watermark", "partition-column",
            "partitions", "columns");

    private IngestConfig ingest(AlphaLeakConfig.Tables tables) {
        String i = "ingest.";
        Optional<String> url = r.optString(i + "url");
        url.ifPresent(u -> {
            // Never echo the URL: it is exactly where a password would be.
            String lower = u.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("jdbc:postgresql://")) r.problem(i + "url", "must start with jdbc:postgresql://");
            if (lower.contains("password=") || lower.contains("user=") || u.replaceFirst("^jdbc:postgresql://", "").split("/")[0].contains("@")) {
                r.problem(i + "url", "carries credentials (value not shown); the user and password come only from the "
                        + "environment (ingest.user-env, ingest.password-env) or ingest.secrets-file");
            }
        });
        Map<String, TableLocation> byName = new LinkedHashMap<>();
        tables.all().forEach(t -> byName.put(t.name(), t));
        List<IngestConfig.Source> sources = new ArrayList<>();
        ConfigValue all = r.lookup(i + "sources");
        if (all instanceof ConfigObject o) {
            for (String key : o.keySet()) {
                if (r.isNull("ingest.sources." + quoteKey(key))) continue; // a profile removes a default source with null
                IngestConfig.Source s = source(i + "sources." + quoteKey(key), key, byName);
                if (s != null) sources.add(s);
            }
        }
        // In the order of the input tables (signals first), not HOCON's unordered keys: logs and partial runs are predictable.
        List<String> order = tables.all().stream().map(TableLocation::name).toList();
        sources.sort(java.util.Comparator.comparingInt((IngestConfig.Source s) -> s.target() == null ? order.size() : order.indexOf(s.target().name()))
                .thenComparing(IngestConfig.Source::name));
        Map<String, String> targetOwner = new LinkedHashMap<>();
        for (IngestConfig.Source s : sources) {
            if (s.target() == null) continue; // reported
            String other = targetOwner.putIfAbsent(s.target().name(), s.name());
            if (other != null) {
                r.problem(i + "sources." + quoteKey(s.name()) + ".target", "is " + s.target().name() + ", already the target of source '"
                        + other + "': one live table per input table (each keeps its own watermark)");
            }
        }
        return new IngestConfig(url, r.string(i + "user-env"), r.string(i + "password-env"), r.optString(i + "secrets-file"),
                r.positiveInt(i + "fetch-size"), r.positiveInt(i + "parallel-sources"), List.copyOf(sources));
    }

    private IngestConfig.Source source(String base, String name, Map<String, TableLocation> tables) {
        if (!(r.lookup(base) instanceof ConfigObject o)) {
            r.problem(base, "must be an object {from, target, mode, watermark, partition-column, partitions, columns}");
            return null;
        }
        for (String k : o.keySet()) {
            if (!SOURCE_KEYS.contains(k)) r.problem(base + "." + quoteKey(k), "is an unknown key; a source has " + SOURCE_KEYS);
        }
        String from = r.string(base + ".from");
        String targetName = r.string(base + ".target");
        IngestMode mode = r.oneOf(base + ".mode", IngestMode.class);
        TableLocation target = tables.get(targetName);
        TableContract contract = target == null ? null : Contracts.ALL.get(targetName.replace('-', '_'));
        if (target == null || contract == null) {
            r.problem(base + ".target", "must be one of the input tables " + tables.keySet() + ", found '" + targetName + "'");
        }
        Optional<String> watermark = r.lookup(base + ".watermark") == null ? Optional.empty() : r.optString(base + ".watermark");
        if (mode == IngestMode.SNAPSHOT && watermark.isPresent()) {
            r.problem(base + ".watermark", "must be null in snapshot mode: the whole table is read and compared on every pass");
        }
        if (mode != IngestMode.SNAPSHOT && watermark.isEmpty()) {
            r.problem(base + ".watermark", "is required in " + mode.configName() + " mode (the live column that orders new rows)");
        }
        Optional<String> partitionColumn = r.lookup(base + ".partition-column") == null ? Optional.empty()
                : r.optString(base + ".partition-column");
        int partitions = r.lookup(base + ".partitions") == null ? 1 : r.positiveInt(base + ".partitions");
        Map<String, Optional<String>> columns = new LinkedHashMap<>();
        ConfigValue cv = r.lookup(base + ".columns");
        if (cv != null && !(cv instanceof ConfigObject)) {
            r.problem(base + ".columns", "must be an object: contract column = live column or SQL expression (null: not in the live table)");
        } else if (cv instanceof ConfigObject co) {
            for (String c : co.keySet()) {
                String path = base + ".columns." + quoteKey(c);
                columns.put(c, r.optString(path));
            }
        }
        if (contract != null) checkColumns(base, mode, contract, columns);
        return new IngestConfig.Source(name, from, target, mode, watermark, partitionColumn, partitions, columns);
    }

    /** Mapped columns exist in the contract; nulls only for nullable ones; snapshot mode owns known_at and its tie-break. */
    private void checkColumns(String base, IngestMode mode, TableContract contract, Map<String, Optional<String>> columns) {
        List<String> owned = mode == IngestMode.SNAPSHOT
                ? java.util.stream.Stream.of(contract.knownAtColumn(), contract.tieBreakColumn()).flatMap(Optional::stream).toList()
                : List.of();
        for (Map.Entry<String, Optional<String>> e : columns.entrySet()) {
            String path = base + ".columns." + quoteKey(e.getKey());
            Optional<ColumnSpec> spec = contract.column(e.getKey());
            if (spec.isEmpty()) {
                r.problem(path, "is not a column of " + contract.name() + "; its columns: " + contract.columnNames());
            } else if (owned.contains(e.getKey())) {
                r.problem(path, "is set by ingest in snapshot mode (the capture time and its sequence); remove the mapping");
            } else if (e.getValue().isEmpty() && !spec.get().nullable()) {
                r.problem(path, "is required by the contract of " + contract.name() + " and cannot be null");
            }
        }
        if (mode == IngestMode.SNAPSHOT && contract.keyColumns().isEmpty()) {
            r.problem(base + ".mode", "snapshot needs a keyed table (" + contract.name() + " has no key); use append");
        }
        if (mode == IngestMode.UPSERT && contract.idColumn().isEmpty() && contract.keyColumns().isEmpty()) {
            r.problem(base + ".mode", "upsert needs a table with an id column (" + contract.name() + " has none); use append");
        }
    }
}
