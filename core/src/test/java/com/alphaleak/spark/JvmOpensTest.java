package com.alphaleak.spark;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmOpensTest {
    @Test
    void theGeneratedListIsWhatSurefireStartedThisJvmWith() {
        List<String> flags = JvmOpens.flags();
        assertTrue(flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"),
                "Spark fails with IllegalAccessError on sun.nio.ch.DirectBuffer without it: " + flags);
        assertTrue(flags.stream().allMatch(f -> f.startsWith("--add-opens=") || f.startsWith("-D")), flags.toString());
        // surefire's argLine is built from the same pom property: the launchers get what the tests run with
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(jvm.containsAll(flags), "test JVM " + jvm + " lacks some of " + flags);
    }
}
