package com.alphaleak.clusterit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The S3 API server of the publish tests (s3proxy 4.1.0), here as its own process on loopback
 * with a file-system blob store: its Jetty 12 and Jackson 3 stay out of every Spark JVM, and a
 * person can look at the objects under {@code <work>/s3} after a kept run. A bucket of that
 * store is a directory, so buckets are created before the server starts (S3A cannot create them).
 */
final class S3ProxyProcess {
    private final String endpoint;
    final ManagedProcesses.Started process;

    private S3ProxyProcess(String endpoint, ManagedProcesses.Started process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    static S3ProxyProcess start(ManagedProcesses processes, Path jar, Path dataDir, Path confDir, List<String> buckets,
                                Credentials keys, int port) throws IOException, InterruptedException {
        for (String b : buckets) Files.createDirectories(dataDir.resolve(b));
        String endpoint = "http://127.0.0.1:" + port;
        // The keys go to the server in a file only the owner can read, never on a command line.
        Path props = confDir.resolve("s3proxy.properties");
        Files.createFile(props, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + keys.accessKey(),
                "s3proxy.credential=" + keys.secretKey(),
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dataDir,
                ""));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "--properties", props.toString());
        ManagedProcesses.Started p = processes.start("s3proxy", cmd, Map.of(), confDir);
        processes.awaitLog(p, Pattern.compile("Started .*ServerConnector.*127\\.0\\.0\\.1:" + port), Duration.ofSeconds(60));
        return new S3ProxyProcess(endpoint, p);
    }

    String endpoint() {
        return endpoint;
    }
}
