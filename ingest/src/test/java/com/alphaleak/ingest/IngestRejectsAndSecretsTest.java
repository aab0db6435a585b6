package com.alphaleak.ingest;

import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.ingest.testing.PostgresServer;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract violations in live rows, and credentials kept out of everything a person or a log sees. */
class IngestRejectsAndSecretsTest extends SharedSpark {

    @Test
    void badRowsAreRejectedNamingTableColumnAndKeysAndNothingIsCommittedForTheirTables() throws Exception {
        LiveWorld live = LiveWorld.fresh(spark(), "ingest_bad", path("work"), Map.of(
                "ingest.sources.signals.from", "bad_signals",
                "ingest.sources.wallet-features.from", "bad_wallet_features"));
        live.loader.advanceTo(LiveWorld.start().plus(Duration.ofHours(12)));
        live.db.execute(
                "CREATE TABLE bad_signals AS SELECT * FROM signals",
                "UPDATE bad_signals SET wallet = NULL WHERE id IN (SELECT id FROM signals ORDER BY id LIMIT 2)",
                "INSERT INTO bad_signals SELECT * FROM signals ORDER BY id DESC LIMIT 1",
                "CREATE TABLE bad_wallet_features AS SELECT * FROM wallet_features",
                "ALTER TABLE bad_wallet_features ALTER COLUMN tokens_traded TYPE text");
        List<String> nullIds = queryIds(live, "SELECT id FROM signals ORDER BY id LIMIT 2");
        String duplicate = queryIds(live, "SELECT id FROM signals ORDER BY id DESC LIMIT 1").get(0);

        DataContractException e = assertThrows(DataContractException.class,
                () -> live.ingest(spark()).knownAt(LiveWorld.start().plus(Duration.ofHours(12))).execute());
        String msg = e.getMessage();
        assertEquals(3, e.exitCode());
        assertTrue(msg.contains("signals (source signals): 2 row(s) with null 'wallet', e.g. signal_id in "), msg);
        nullIds.forEach(id -> assertTrue(msg.contains(id), "example key " + id + " in " + msg));
        assertTrue(msg.contains("1 [signal_id] value(s) appear in more than one row of the batch, e.g. signal_id in [" + duplicate + "]"), msg);
        assertTrue(msg.contains("wallet_features (source wallet-features): column 'tokens_traded' is string in the live table, expected double"), msg);
        TableIO io = new TableIO(spark());
        assertFalse(io.exists(IngestJobTest.location(live.config, "signals")), "nothing committed for signals");
        assertFalse(io.exists(IngestJobTest.location(live.config, "wallet-features")), "nothing committed for wallet_features");
        assertTrue(io.exists(IngestJobTest.location(live.config, "creator-stats")), "the other tables were ingested");
        assertTrue(io.exists(IngestJobTest.location(live.config, "outcomes")), "the other tables were ingested");
    }

    @Test
    void credentialsAppearInNoLogExceptionOrDescription() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        LiveWorld live = LiveWorld.fresh(spark(), "ingest_secrets", path("work"), Map.of("ingest.sources.signals.partitions", "2"));
        live.loader.advanceTo(LiveWorld.start().plus(Duration.ofHours(6)));
        StringWriter logged = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        WriterAppender capture = WriterAppender.newBuilder().setName("secrets-capture").setTarget(logged)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n%ex").build()).build();
        capture.start();
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.INFO, null);
        Level before = ctx.getConfiguration().getRootLogger().getLevel();
        ctx.getConfiguration().getRootLogger().setLevel(Level.INFO);
        ctx.updateLoggers();
        Instant at = LiveWorld.start().plus(Duration.ofHours(6));
        try {
            live.ingest(spark()).only(List.of("signals", "wallet-features")).knownAt(at).execute();
            // A wrong password: the failure says what failed, never the password or the URL's parameters.
            String wrong = "wrong-" + java.util.UUID.randomUUID();
            var ingest = live.config.ingest();
            LiveDatabase bad = new LiveDatabase(live.url + "?ApplicationName=x&password=" + wrong,
                    LiveCredentials.resolve(ingest, Map.of(ingest.userEnv(), pg.user(), ingest.passwordEnv(), wrong)), 100);
            LiveDatabaseException e = assertThrows(LiveDatabaseException.class,
                    () -> IngestJob.with(spark(), ingest, bad).only(List.of("signals")).execute());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertFalse(trace.toString().contains(wrong), trace.toString());
            assertFalse(trace.toString().contains(pg.password()), trace.toString());
            assertFalse(live.db.credentials().toString().contains(pg.password()));
        } finally {
            ctx.getConfiguration().getRootLogger().removeAppender("secrets-capture");
            ctx.getConfiguration().getRootLogger().setLevel(before);
            ctx.updateLoggers();
            capture.stop();
        }
        assertTrue(logged.toString().contains("[ingest] signals -> signals"), logged.toString());
        assertFalse(logged.toString().contains(pg.password()), "the password was logged");
    }

    @Test
    void missingCredentialsAreAConfigurationErrorNamingWhereTheyAreLookedFor() throws Exception {
        var ingest = LiveWorld.world(spark()).ingest();
        var e = assertThrows(ConfigValidationException.class, () -> LiveCredentials.resolve(ingest, Map.of()));
        assertTrue(e.getMessage().contains("ALPHALEAK_PG_USER and ALPHALEAK_PG_PASSWORD"), e.getMessage());
        assertEquals(2, e.exitCode());
    }

    private static List<String> queryIds(LiveWorld live, String sql) throws Exception {
        try (var c = live.db.connect(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (r.next()) out.add(r.getString(1));
            return out;
        }
    }
}
