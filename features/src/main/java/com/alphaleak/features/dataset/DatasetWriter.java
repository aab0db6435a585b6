package com.alphaleak.features.dataset;

import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.features.split.ChronologicalSplit;
import com.alphaleak.features.split.SplitSide;
import com.alphaleak.labels.TargetCounts;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Writes a {@link TrainingSet} as one Delta table plus {@code _manifest.json}, all or nothing:
 * the rows are computed and checked before anything is written; the table is replaced in a single
 * Delta commit, so a failure at any point leaves the previous version readable; the manifest
 * follows and names the table version it describes. When the input signature equals the current
 * manifest's and the table is at the version that manifest names, nothing is recomputed or written.
 *
 * <p>A target that cannot be trained or validated on this data (no positives, or nothing but
 * positives, in the train or the validation slice) does not fail the build: its label column is
 * written like any other, and the manifest lists it under {@code skipped_targets} with the reason,
 * so the other targets (and datasets) are still built and training skips it.
 */
public final class DatasetWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriter.class);

    private final SparkSession spark;

    public DatasetWriter(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What a write did.
     *
     * @param skipped the table was up to date and not rewritten (not to be confused with the
     *                manifest's skipped targets)
     */
    public record Outcome(String path, DatasetManifest manifest, boolean skipped) {
        /** Targets of this dataset that training skips, with the reason. */
        public Map<String, String> skippedTargets() {
            return manifest.skippedTargets();
        }
    }

    /** The manifest of a dataset if it is current (describes the table's latest version). */
    public Optional<DatasetManifest> currentManifest(String path) {
        if (!DeltaTable.isDeltaTable(spark, path)) return Optional.empty();
        long version = DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
        return ManifestFiles.read(spark, path).filter(m -> m.tableVersion() == version);
    }

    /**
     * @param sources   provenance of every input, by table name; all versioned makes the build skippable
     * @param runId     recorded in the manifest
     */
    public Outcome write(TrainingSet set, String path, Map<String, SourceTable> sources, String runId) {
        String signature = signature(set, sources);
        boolean versioned = sources.values().stream().allMatch(SourceTable::versioned);
        Optional<DatasetManifest> current = currentManifest(path);
        if (versioned && current.isPresent() && current.get().inputSignature().equals(signature)) {
            LOG.info("{} is up to date (inputs unchanged since table version {}); not rewritten", path, current.get().tableVersion());
            return new Outcome(path, current.get(), true);
        }

        // Cached before the sort: the sort's range sampling and its shuffle then read the cache
        // instead of computing the last joins twice; the summary is order-independent.
        Dataset<Row> rows = set.data().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            DatasetSummary summary = DatasetSummary.of(rows, set.kind().timeColumn(), set.targets());
            Map<String, String> untrainable = untrainable(set, summary);
            untrainable.forEach((target, why) -> LOG.warn("{}: target {} skipped: {}", set.kind().datasetName(), target, why));
            rows.orderBy(col(set.kind().timeColumn()), col(set.kind().idColumn()))
                    .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
            long version = DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
            DatasetManifest manifest = manifest(set, summary, sources, signature, version, runId, untrainable);
            ManifestFiles.write(spark, path, manifest);
            LOG.info("{}: wrote {} rows as table version {}", path, summary.rows(), version);
            return new Outcome(path, manifest, false);
        } finally {
            rows.unpersist();
        }
    }

    /**
     * Targets with nothing to learn or to validate on, each with the reason: every positive or
     * every negative in train or in validation (also when nothing there is labelled, e.g. a 24 h
     * target whose validation slice has not matured yet).
     */
    static Map<String, String> untrainable(TrainingSet set, DatasetSummary summary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TargetSpec t : set.targets()) {
            List<String> problems = new ArrayList<>();
            for (SplitSide side : List.of(SplitSide.TRAIN, SplitSide.VALIDATION)) {
                DatasetSummary.LabelCount c = summary.labels(side, t.name());
                if (c.positives() == 0 || c.positives() == c.labelled()) {
                    problems.add(c.positives() + " positives among " + c.labelled() + " labelled " + side.label() + " rows");
                }
            }
            if (!problems.isEmpty()) {
                out.put(t.name(), t.name() + " has " + String.join(" and ", problems) + ": nothing to learn or to validate on"
                        + " (drop the target from the config or extend the data)");
            }
        }
        return out;
    }

    private static DatasetManifest manifest(TrainingSet set, DatasetSummary summary, Map<String, SourceTable> sources,
                                            String signature, long version, String runId, Map<String, String> skippedTargets) {
        Map<String, DatasetManifest.Slice> slices = new LinkedHashMap<>();
        summary.slices().forEach((side, s) -> slices.put(side.label(),
                new DatasetManifest.Slice(s.rows(), s.from().toString(), s.to().toString())));
        Map<String, Map<String, DatasetManifest.Rate>> rates = new LinkedHashMap<>();
        Map<String, DatasetManifest.Excluded> excluded = new LinkedHashMap<>();
        for (TargetSpec t : set.targets()) {
            Map<String, DatasetManifest.Rate> perSplit = new LinkedHashMap<>();
            summary.slices().forEach((side, s) -> {
                DatasetSummary.LabelCount c = s.labels().get(t.name());
                perSplit.put(side.label(), new DatasetManifest.Rate(c.labelled(), c.positives(),
                        c.labelled() == 0 ? null : c.positiveRate()));
            });
            rates.put(t.name(), perSplit);
            TargetCounts tc = set.labels().counts(t);
            excluded.put(t.name(), new DatasetManifest.Excluded(tc.excludedUnmatured(), tc.excludedMissing()));
        }
        return new DatasetManifest(DatasetManifest.VERSION, set.kind().datasetName(), set.registry().version(),
                set.registry().names(), set.targets().stream().map(TargetSpec::name).toList(),
                set.kind().idColumn(), set.kind().timeColumn(), ChronologicalSplit.DEFAULT_COLUMN, summary.rows(), slices,
                set.split().validationStart().toString(), set.split().calibrationStart().map(Instant::toString).orElse(null),
                set.labels().asOf().toString(), rates, excluded, new LinkedHashMap<>(sources), signature,
                summary.fingerprint(), version, runId, Instant.now().toString(), skippedTargets);
    }

    /** Hash of everything that decides the rows; order of sources and targets matters as given. */
    static String signature(TrainingSet set, Map<String, SourceTable> sources) {
        // v2: the rows carry the peak multiples next to the labels (a v1 table lacks them, so it is rebuilt).
        StringBuilder sb = new StringBuilder("v2|").append(set.kind()).append('|').append(set.registry().version());
        set.targets().forEach(t -> sb.append('|').append(t.name()));
        sb.append("|split=").append(set.split().validationStart()).append(',').append(set.split().calibrationStart().orElse(null))
                .append("|asOf=").append(set.labels().asOf());
        sources.forEach((name, s) -> sb.append('|').append(name).append('=').append(s));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
