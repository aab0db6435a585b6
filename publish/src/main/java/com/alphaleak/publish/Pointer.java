package com.alphaleak.publish;

/**
 * {@code <root>/<target>/CURRENT.json}: the one small object that says which version of a target
 * the inference hosts serve. Written last, in one atomic write, and only ever naming a version
 * whose {@code _COMPLETE} manifest exists and whose files were read back and verified.
 *
 * @param modelId         the version served; files under {@code <target>/versions/<model_id>/}
 * @param onnxSha256      SHA-256 of {@code <target>.onnx} in that version
 * @param sidecarSha256   SHA-256 of {@code <target>_metadata.json} in that version
 * @param promotedAt      ISO-8601 UTC instant of this pointer write
 * @param previousModelId what the pointer named before (null for the first version)
 * @param action          {@code promote}, {@code force} or {@code rollback}
 * @param reason          why (the gate's decision text, or the rollback reason)
 */
public record Pointer(int formatVersion, String target, String modelId, String onnxSha256, String sidecarSha256,
                      long onnxBytes, String promotedAt, String previousModelId, String action, String reason) {

    public static final int FORMAT_VERSION = 1;
    public static final String ACTION_PROMOTE = "promote";
    public static final String ACTION_FORCE = "force";
    public static final String ACTION_ROLLBACK = "rollback";
}
