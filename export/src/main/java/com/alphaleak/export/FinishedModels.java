package com.alphaleak.export;

import com.alphaleak.export.sidecar.ModelNames;
import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelDirectory;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the model a run already finished for a target, so a restart of that run reuses it instead
 * of searching again: a complete model directory ({@link ModelDirectory}: it has its sidecar, and
 * the ONNX file matches it) of the same run id whose sidecar's {@code training.fingerprint} equals
 * the one the run would train under now. Only the run's own directories are read (their names
 * start with {@code <stem>-<run id>-}); another run id never reuses anything.
 */
public final class FinishedModels {
    private static final Logger LOG = LoggerFactory.getLogger(FinishedModels.class);

    private FinishedModels() {}

    /**
     * @param exportOutput {@code export.output}
     * @param fingerprint  the training fingerprint of the model this run would train now
     * @return the finished model with its bytes, or empty when there is none (or only damaged ones,
     *         which are logged and left for the export to repair)
     */
    public static Optional<ModelArtifact> find(Configuration hadoop, String exportOutput, DatasetKind kind, String target,
                                               String runId, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String stem = ModelNames.stem(kind, target);
        List<String> dirs = ModelDirectory.list(exportOutput, stem, ModelNames.modelIdPrefix(kind, target, runId), hadoop);
        Optional<ModelSidecar> newest = Optional.empty();
        String found = null;
        for (String dir : dirs) {
            ModelSidecar s = ModelDirectory.readSidecar(dir, hadoop);
            if (!runId.equals(s.runId()) || s.training() == null || !fingerprint.equals(s.training().fingerprint())) continue;
            // Two finished models of one fingerprint only when training was not reproducible: the newest wins.
            if (newest.isEmpty() || Comparator.<String>naturalOrder().compare(s.createdAt(), newest.get().createdAt()) > 0) {
                newest = Optional.of(s);
                found = dir;
            }
        }
        if (found == null) return Optional.empty();
        try {
            return Optional.of(ModelDirectory.read(found, hadoop));
        } catch (ModelDirectory.CorruptModelException e) {
            LOG.warn("{}: finished earlier but damaged ({}); training again", found, e.getMessage());
            return Optional.empty();
        }
    }
}
