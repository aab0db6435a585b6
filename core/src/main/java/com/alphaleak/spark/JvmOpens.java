package com.alphaleak.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark 3.5 needs on Java 17 ({@code --add-opens ...}): spark-submit adds them
 * itself, every other JVM that starts Spark must be given them. The one list is the root pom's
 * {@code spark.jvm.opens} property: surefire's argLine uses it, and the build writes it into
 * {@value #RESOURCE} (core's classes, so also {@code core/target/classes/alphaleak/jvm-opens.txt}),
 * which {@code bin/alphaleak}, {@code bin/benchmark} and the notebook kernel spec read.
 */
public final class JvmOpens {
    private JvmOpens() {}

    /** Classpath resource holding the flags, separated by white space. */
    public static final String RESOURCE = "alphaleak/jvm-opens.txt";

    /** The flags, in the pom's order. */
    public static List<String> flags() {
        try (InputStream in = JvmOpens.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (core's build writes it)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filled in by the build: '" + text + "'");
            }
            return List.copyOf(Arrays.asList(text.split("\\s+")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
