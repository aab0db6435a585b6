package com.alphaleak.export.sidecar;

import com.alphaleak.features.dataset.DatasetKind;
import com.alphaleak.model.ModelSidecar;

import java.util.Locale;

/**
 * Names of exported models. The file stem is what inference hosts load
 * ({@code <stem>.onnx} + {@code <stem>_metadata.json}): the target for standard (per-signal)
 * models, {@code genesis_<target>} for token-level models, whose targets share names.
 */
public final class ModelNames {
    private ModelNames() {}

    public static String stem(DatasetKind kind, String target) {
        return ModelSidecar.stem(kind(kind), target);
    }

    public static String kind(DatasetKind kind) {
        return kind == DatasetKind.GENESIS ? ModelSidecar.KIND_GENESIS : ModelSidecar.KIND_STANDARD;
    }

    /**
     * {@code <stem>-<run id>-<first 10 hex of the model text's SHA-256>}: unique per trained model,
     * equal for an identical re-run, safe as a file name.
     */
    public static String modelId(DatasetKind kind, String target, String runId, String modelSha256) {
        String id = modelIdPrefix(kind, target, runId) + modelSha256.substring(0, 10).toLowerCase(Locale.ROOT);
        if (!ModelSidecar.MODEL_ID.matcher(id).matches()) throw new IllegalArgumentException("bad model id " + id);
        return id;
    }

    /** What every {@link #modelId} of this target and run starts with: {@code <stem>-<run id>-}, file-name safe. */
    public static String modelIdPrefix(DatasetKind kind, String target, String runId) {
        return (stem(kind, target) + "-" + runId + "-").replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    }
}
