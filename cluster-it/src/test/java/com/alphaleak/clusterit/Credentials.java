package com.alphaleak.clusterit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Keys of the throw-away S3 server, fresh per run. They reach the S3A clients of the driver,
 * executors and hosts the way production keys do, through AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY in the environment; {@link #toString()} never shows the secret, and the
 * harness checks that no log contains it.
 */
record Credentials(String accessKey, String secretKey) {
    static Credentials random() {
        SecureRandom r = new SecureRandom();
        byte[] a = new byte[8];
        byte[] s = new byte[24];
        r.nextBytes(a);
        r.nextBytes(s);
        return new Credentials("smoke" + HexFormat.of().formatHex(a), HexFormat.of().formatHex(s));
    }

    Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey,
                // no instance-metadata lookups on a machine that is not in EC2
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + ", secretKey=****]";
    }
}
