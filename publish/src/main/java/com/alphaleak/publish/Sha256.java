package com.alphaleak.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; digests are lower-case hex, as in the sidecar's {@code onnx.sha256}. */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String of(byte[] bytes) {
        return com.alphaleak.model.ArtifactFile.sha256(bytes);
    }

    /** Copies {@code in} to {@code out} and returns the digest and length of what was copied. */
    public static Copied copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            out.write(buf, 0, n);
            total += n;
        }
        return new Copied(HexFormat.of().formatHex(md.digest()), total);
    }

    public static String of(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream()).sha256();
    }

    public record Copied(String sha256, long bytes) {}
}
