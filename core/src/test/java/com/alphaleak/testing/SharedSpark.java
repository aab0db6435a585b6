package com.alphaleak.testing;

import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * Base class of Spark tests: one {@code local[2]} session with Delta shared by every test of the
 * JVM (a cold session costs seconds; one per test class would dominate the suite).
 */
public abstract class SharedSpark {
    private static volatile SparkSession session;

    @TempDir
    protected Path tmp;

    protected static SparkSession spark() {
        if (session == null) {
            synchronized (SharedSpark.class) {
                if (session == null) {
                    SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("alphaleak-tests")
                            .config("spark.ui.enabled", "false")
                            .config("spark.sql.adaptive.enabled", "true")
                            .config("spark.driver.host", "127.0.0.1")
                            .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/alphaleak-test-warehouse");
                    for (Map.Entry<String, String> e : SparkSessions.deltaAndDefaults(4).entrySet()) {
                        b.config(e.getKey(), e.getValue());
                    }
                    session = b.getOrCreate();
                    session.sparkContext().setLogLevel("WARN");
                }
            }
        }
        return session;
    }

    /** A fresh path under this test's temporary directory. */
    protected String path(String name) {
        return tmp.resolve(name).toString();
    }
}
