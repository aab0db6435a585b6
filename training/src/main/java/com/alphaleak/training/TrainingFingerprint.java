package com.alphaleak.training;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.features.dataset.DatasetManifest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * SHA-256 over everything that determines one target's model, recorded in its sidecar
 * ({@code training.fingerprint}): a restart of the same run finds a model with the same
 * fingerprint and reuses it instead of searching again.
 *
 * <p>Inputs: the training set's identity (input signature, content fingerprint, Delta table
 * version, feature order, key/time/split columns, registry), its kind and the target, every
 * setting of {@code tuning} except the ones listed in {@link #TUNING_IGNORED}, the {@code split}
 * section, the export settings that shape the files (precision, parity rows, margin tolerance),
 * the run seed and the code version. A trial's suggestion depends on how many trials run at once
 * (trial k is asked once trials 0..k-P are told), so {@code tuning.parallelism} is in it, and when
 * that is 0 (one per task slot) so is the number of task slots.
 *
 * <p>Tuning settings are read by reflection over the record, so a setting added later is part of
 * the fingerprint unless it is declared irrelevant here: forgetting one retrains (safe), it never
 * reuses a model trained under other settings.
 *
 * <p>Not in it: where things are written ({@code export.output}, {@code tuning.trial-history}),
 * how many targets train at once ({@code tuning.concurrent-targets}: each search's trials and model
 * do not depend on it), the run id (the caller only looks among its own run's models), and what a
 * warm start reads from other runs' trial history.
 */
public final class TrainingFingerprint {
    /**
     * Tuning settings that do not change the model: paths, and how many targets share the slots.
     * Parallelism is handled on its own (it needs the slot count when 0).
     */
    public static final Set<String> TUNING_IGNORED = Set.of("trialHistory", "concurrentTargets", "parallelism");

    private TrainingFingerprint() {}

    /**
     * @param manifest    the training set the model is trained on
     * @param target      the label
     * @param config      the whole configuration (only the sections named above are read)
     * @param taskSlots   task slots of the Spark application; read only when {@code tuning.parallelism} is 0
     * @param codeVersion the pipeline's version (export's {@code CodeVersion})
     * @return 64 lower-case hex digits
     */
    public static String of(DatasetManifest manifest, String target, AlphaLeakConfig config, int taskSlots, String codeVersion) {
        return sha256(canonical(manifest, target, config, taskSlots, codeVersion));
    }

    /** The text that is hashed, one {@code key=value} line per input (for logs and tests). */
    public static String canonical(DatasetManifest manifest, String target, AlphaLeakConfig config, int taskSlots,
                                   String codeVersion) {
        StringBuilder sb = new StringBuilder();
        line(sb, "fingerprint.version", "1");
        line(sb, "code.version", codeVersion);
        line(sb, "dataset.kind", manifest.dataset());
        line(sb, "dataset.target", target);
        line(sb, "dataset.input-signature", manifest.inputSignature());
        line(sb, "dataset.content-fingerprint", manifest.contentFingerprint());
        line(sb, "dataset.table-version", Long.toString(manifest.tableVersion()));
        line(sb, "dataset.registry", manifest.registryVersion());
        line(sb, "dataset.features", value(manifest.featureNames()));
        line(sb, "dataset.columns", manifest.idColumn() + "," + manifest.timeColumn() + "," + manifest.splitColumn());
        line(sb, "datasets.registry", value(config.datasets().named(manifest.dataset()).registry()));
        AlphaLeakConfig.Tuning tuning = config.tuning();
        for (RecordComponent c : AlphaLeakConfig.Tuning.class.getRecordComponents()) {
            if (!TUNING_IGNORED.contains(c.getName())) line(sb, "tuning." + c.getName(), value(read(c, tuning)));
        }
        line(sb, "tuning.parallelism", tuning.parallelism() > 0 ? Integer.toString(tuning.parallelism())
                : "0 (task slots " + taskSlots + ")");
        line(sb, "split", value(config.split()));
        AlphaLeakConfig.Export export = config.export();
        line(sb, "export.precision", value(export.precision()));
        line(sb, "export.parity-rows", Integer.toString(export.parityRows()));
        line(sb, "export.margin-tolerance", Double.toString(export.marginTolerance()));
        line(sb, "run.seed", Long.toString(config.run().seed()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(value).append('\n');
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /**
     * A rendering that depends only on the values: records as {@code Name(a=..,b=..)} in component
     * order, maps sorted by key, enums by name, empty optionals as {@code none}.
     */
    static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof Optional<?> o) return o.map(TrainingFingerprint::value).orElse("none");
        if (v instanceof Enum<?> e) return e.name();
        if (v instanceof Record r) {
            StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('(');
            RecordComponent[] cs = r.getClass().getRecordComponents();
            for (int i = 0; i < cs.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(cs[i].getName()).append('=').append(value(read(cs[i], r)));
            }
            return sb.append(')').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i > 0 ? "," : "").append(value(l.get(i)));
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), value(x)));
            return sorted.toString();
        }
        return v.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
