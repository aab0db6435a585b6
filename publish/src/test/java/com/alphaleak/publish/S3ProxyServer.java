package com.alphaleak.publish;

import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;

/**
 * A real S3 API server (s3proxy, in-memory blob store) on 127.0.0.1 with a free port, started once
 * per test JVM. Its keys are the ones in the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, set by surefire), so the S3A client finds them exactly as it
 * would on a host: through {@code EnvironmentVariableCredentialsProvider}, never through
 * configuration.
 */
public final class S3ProxyServer {

    public static final String BUCKET = "models";
    private static S3ProxyServer instance;

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final String endpoint;

    private S3ProxyServer() throws Exception {
        blobStore = new TransientNio2BlobStore();
        blobStore.createContainer(BUCKET); // S3A cannot create buckets
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey(), secretKey())
                .ignoreUnknownHeaders(true) // e.g. x-amz-security-token when the CI has a session token
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // JVM is ending
            }
        }));
    }

    public static synchronized S3ProxyServer get() {
        if (instance == null) {
            try {
                instance = new S3ProxyServer();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start s3proxy", e);
            }
        }
        return instance;
    }

    public static String accessKey() {
        return required("AWS_ACCESS_KEY_ID");
    }

    public static String secretKey() {
        return required("AWS_SECRET_ACCESS_KEY");
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException(name + " is not set; run the tests through Maven (surefire sets it)");
        }
        return v;
    }

    public String endpoint() {
        return endpoint;
    }

    public BlobStore blobStore() {
        return blobStore;
    }

    /** S3A settings for this server: endpoint and behaviour only, no keys. */
    public java.util.Map<String, String> s3aSettings() {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("fs.s3a.endpoint", endpoint);
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "com.amazonaws.auth.EnvironmentVariableCredentialsProvider");
        m.put("fs.s3a.attempts.maximum", "2");
        m.put("fs.s3a.retry.limit", "2");
        m.put("fs.s3a.retry.interval", "50ms");
        m.put("fs.s3a.connection.establish.timeout", "5000");
        m.put("fs.s3a.connection.timeout", "10000");
        m.put("fs.s3a.directory.marker.retention", "keep");
        return m;
    }

    public Configuration conf() {
        Configuration conf = new Configuration();
        s3aSettings().forEach(conf::set);
        return conf;
    }

    public String root(String name) {
        return "s3a://" + BUCKET + "/" + name;
    }
}
