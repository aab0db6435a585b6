package com.alphaleak.export.sidecar;

/** The pipeline's version as recorded in sidecars: the jar's Implementation-Version, else "dev". */
public final class CodeVersion {
    private CodeVersion() {}

    public static String get() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
