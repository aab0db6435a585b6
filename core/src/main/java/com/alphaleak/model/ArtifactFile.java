package com.alphaleak.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file of a pipeline artifact: its Hadoop path ({@code file:}, {@code s3a:}, ...), its exact
 * bytes and their SHA-256. Steps hand these to each other in memory, so nothing downstream reads a
 * file back from a location it may not be able to reach (an {@code s3a://} URI is not a local path).
 *
 * @param path   fully qualified Hadoop path where the bytes are (or will be) stored
 * @param sha256 lowercase hex SHA-256 of {@code bytes}
 */
public record ArtifactFile(String path, byte[] bytes, String sha256) {
    public ArtifactFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static ArtifactFile of(String path, byte[] bytes) {
        return new ArtifactFile(path, bytes, sha256(bytes));
    }

    /** The bytes; callers must not modify them (copying megabytes of ONNX per hand-over is wasteful). */
    @Override
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The last path segment. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactFile f && f.path.equals(path) && f.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, sha256);
    }

    @Override
    public String toString() {
        return path + " (" + bytes.length + " bytes, sha256 " + sha256 + ")";
    }
}
