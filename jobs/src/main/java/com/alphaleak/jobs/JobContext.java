package com.alphaleak.jobs;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.io.TableIO;
import com.alphaleak.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What a running command needs: its configuration, run id, Spark session and table I/O. */
final class JobContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobContext.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    final AlphaLeakConfig config;
    final String runId;
    final SparkSession spark;
    final TableIO io;
    private final Instant started = Instant.now();

    private JobContext(AlphaLeakConfig config, SparkSession spark) {
        this.config = config;
        this.runId = config.run().id().orElseGet(() -> RUN_ID.format(started));
        this.spark = spark;
        this.io = new TableIO(spark);
    }

    static JobContext start(AlphaLeakConfig config) {
        AlphaLeakConfig.SparkSettings s = config.spark();
        if (s.master().isEmpty() && System.getProperty("spark.master") == null) {
            // Not under spark-submit and no profile chose a master: run locally rather than fail.
            LOG.warn("no Spark master configured (spark.master); using local[*]. Use --config conf/local.conf or spark-submit.");
            s = new AlphaLeakConfig.SparkSettings(java.util.Optional.of("local[*]"), s.appName(), s.shufflePartitions(), s.conf());
        }
        SparkSession spark = SparkSessions.create(s);
        return new JobContext(config, spark);
    }

    /** Logs one stage's completion with the time since the command started. */
    void stage(String stage, String detail) {
        LOG.info("[{}] {} ({} elapsed)", stage, detail, human(Duration.between(started, Instant.now())));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : (d.toMillis() / 100) / 10.0 + "s";
    }

    @Override
    public void close() {
        spark.stop();
    }
}
