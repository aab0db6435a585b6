package com.alphaleak.publish;

import java.util.Map;

/**
 * {@code <root>/<target>/versions/<model_id>/_COMPLETE}: written once after every file of the
 * version was written and read back with the right SHA-256. A version without it is an
 * interrupted upload that no pointer ever names.
 *
 * @param files object name relative to the version prefix (e.g. {@code reach_2x_1h.onnx},
 *              {@code report/summary.md}) to its checksum and size
 */
public record VersionManifest(int formatVersion, String target, String modelId, Map<String, FileEntry> files,
                              String completedAt) {

    public static final int FORMAT_VERSION = 1;

    public record FileEntry(String sha256, long bytes) {}

    /** True when both manifests describe exactly the same files and bytes. */
    public boolean sameContent(VersionManifest other) {
        return other != null && target.equals(other.target) && modelId.equals(other.modelId)
                && files.equals(other.files);
    }
}
