package com.alphaleak.ingest;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.IngestConfig;
import com.alphaleak.ingest.live.LiveWorldLoader;
import com.alphaleak.ingest.testing.PostgresServer;
import com.alphaleak.sample.SampleWorldGenerator;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test fixture: one tiny generated sample world (Delta, shared by the test JVM) and, per test, a
 * fresh PostgreSQL database holding its live-style schema and an ingest configuration whose
 * targets are under the test's own directory.
 */
final class LiveWorld {
    private static AlphaLeakConfig world;
    private static SampleWorldGenerator.Result generated;

    final AlphaLeakConfig config;
    final LiveDatabase db;
    final LiveWorldLoader loader;
    final String url;

    private LiveWorld(AlphaLeakConfig config, LiveDatabase db, LiveWorldLoader loader, String url) {
        this.config = config;
        this.db = db;
        this.loader = loader;
        this.url = url;
    }

    /** The generated world's configuration (its tables are the generator's Delta tables). */
    static synchronized AlphaLeakConfig world(SparkSession spark) throws Exception {
        if (world == null) {
            Path dir = Files.createTempDirectory("alphaleak-ingest-world-");
            world = ConfigLoader.load(Optional.empty(), sampleSettings(dir.toString()));
            generated = SampleWorldGenerator.generate(spark, world);
        }
        return world;
    }

    static Instant start() {
        return Instant.parse("2026-01-05T00:00:00Z");
    }

    /** The world's "now": nothing is known after it. */
    static Instant end() {
        return generated.now();
    }

    static Map<String, String> sampleSettings(String workDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run.work-dir", workDir);
        m.put("sample.signals", "400");
        m.put("sample.days", "1");
        m.put("sample.wallets", "150");
        m.put("sample.creators", "80");
        m.put("spark.shuffle-partitions", "4");
        return m;
    }

    /** A fresh database with the live schema and a configuration writing targets under {@code workDir}. */
    static LiveWorld fresh(SparkSession spark, String database, String workDir, Map<String, String> extra) throws Exception {
        AlphaLeakConfig w = world(spark);
        PostgresServer pg = PostgresServer.shared();
        String url = pg.createDatabase(database);
        Map<String, String> settings = sampleSettings(workDir);
        settings.put("ingest.url", url);
        settings.putAll(extra);
        AlphaLeakConfig config = ConfigLoader.load(Optional.empty(), settings);
        LiveDatabase db = new LiveDatabase(url, credentials(config.ingest(), pg), config.ingest().fetchSize());
        LiveWorldLoader loader = new LiveWorldLoader(spark, db, w.tables());
        loader.createSchema();
        return new LiveWorld(config, db, loader, url);
    }

    static LiveCredentials credentials(IngestConfig ingest, PostgresServer pg) {
        return LiveCredentials.resolve(ingest, Map.of(ingest.userEnv(), pg.user(), ingest.passwordEnv(), pg.password()));
    }

    IngestJob ingest(SparkSession spark) {
        return IngestJob.with(spark, config.ingest(), db);
    }
}
