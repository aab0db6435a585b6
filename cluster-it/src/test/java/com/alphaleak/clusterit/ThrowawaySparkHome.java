package com.alphaleak.clusterit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark 3.5 "distribution" made of links: {@code jars/} points at Spark's own dependency
 * closure in the local Maven repository (cluster-it's compile scope, written by the build to
 * {@code target/spark-distribution-classpath.txt}), plus the {@code RELEASE} file and
 * {@code conf/log4j2.properties} a distribution has. Master, Workers, the executors the Workers
 * launch and spark-submit all run from it, so the cluster jar meets only what a real
 * distribution provides.
 */
final class ThrowawaySparkHome {
    /** JVM flags Spark needs on Java 17 (the root pom's one list; spark-submit's launcher adds them, a bare java command does not). */
    static final List<String> JAVA17_OPENS = com.alphaleak.spark.JvmOpens.flags();

    private static final String LOG4J = String.join("\n",
            "# Throw-away SPARK_HOME of the cluster smoke test: what the harness waits for is logged at INFO.",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stdout.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
            "# Master and Worker: registration, executor launches and losses.",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            "# Driver: executors added and lost, task failures and retries.",
            "logger.scheduler.name = org.apache.spark.scheduler",
            "logger.scheduler.level = info",
            "logger.cluster.name = org.apache.spark.scheduler.cluster",
            "logger.cluster.level = info",
            "logger.alphaleak.name = com.alphaleak",
            "logger.alphaleak.level = info",
            "logger.parquet.name = org.apache.parquet",
            "logger.parquet.level = error",
            "logger.hadoopnative.name = org.apache.hadoop.util.NativeCodeLoader",
            "logger.hadoopnative.level = error",
            "");

    private final Path home;

    private ThrowawaySparkHome(Path home) {
        this.home = home;
    }

    static ThrowawaySparkHome create(Path home, Path distributionClasspath) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        String cp = Files.readString(distributionClasspath, StandardCharsets.UTF_8).trim();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!Files.isRegularFile(jar)) throw new IOException("missing jar of the Spark distribution: " + jar);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        if (!Files.isRegularFile(jars.resolve("spark-core_2.12-3.5.9.jar"))) {
            throw new IOException(distributionClasspath + " does not hold spark-core_2.12-3.5.9.jar");
        }
        // The launcher library reads RELEASE to tell a distribution (jars/) from a source build.
        Files.writeString(home.resolve("RELEASE"), "Spark 3.5.9 (throw-away SPARK_HOME of alphaleak cluster-it)\n");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/log4j2.properties"), LOG4J);
        return new ThrowawaySparkHome(home);
    }

    Path home() {
        return home;
    }

    String classpath() {
        return home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*";
    }

    /**
     * Environment of every Spark process: Workers launch executors through the launcher library,
     * which needs SPARK_HOME and, without a build directory, SPARK_SCALA_VERSION; everything binds
     * to loopback.
     */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "localhost");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** {@code java [flags] -cp SPARK_HOME/conf:SPARK_HOME/jars/* mainClass}, as bin/spark-class would run it. */
    List<String> javaCommand(String heap, String mainClass) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(JAVA17_OPENS);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        return cmd;
    }
}
