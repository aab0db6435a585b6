package com.alphaleak.ingest;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ingest in its own JVM, for the crash test: {@code IngestChild KNOWN_AT key=value...}. Credentials
 * come from the environment, as in production. Prints {@code COMMITTED <source>} after each commit,
 * so the parent can kill it at a known point.
 */
public final class IngestChild {
    private IngestChild() {}

    public static void main(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        AlphaLeakConfig config = ConfigLoader.load(Optional.empty(), settings);
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("ingest-child")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        SparkSessions.deltaAndDefaults(4).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        LiveDatabase db = LiveDatabase.of(config.ingest(), LiveCredentials.resolve(config.ingest(), System.getenv()));
        IngestJob.with(spark, config.ingest(), db).knownAt(Instant.parse(args[0])).afterCommit(r -> {
            System.out.println("COMMITTED " + r.source());
            System.out.flush();
        }).execute();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
