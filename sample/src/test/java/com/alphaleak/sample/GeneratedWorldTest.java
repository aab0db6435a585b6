package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.config.TableLocation;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One small world (4000 signals over 7 days), generated once, checked for contract conformance,
 * point-in-time hygiene and the statistical shape the pipeline relies on.
 */
class GeneratedWorldTest extends SharedSpark {
    private static final int SIGNALS = 4000;
    private static final int DAYS = 7;
    private static final int WALLETS = 800;

    @TempDir
    static Path worldDir;

    private static AlphaLeakConfig.Tables tables;
    private static SampleWorldGenerator.Result result;
    private static final Map<String, Dataset<Row>> DATA = new HashMap<>();
    private static Timestamp now;
    private static Timestamp shift;

    @BeforeAll
    static void generate() {
        tables = SampleTables.under(worldDir);
        AlphaLeakConfig.Sample sample = SampleTables.sample(SIGNALS, DAYS, WALLETS, 300);
        result = SampleWorldGenerator.builder(spark()).sample(sample).seed(20260105L).tables(tables).execute();
        TableIO io = new TableIO(spark());
        List<TableLocation> locations = tables.all();
        List<TableContract> contracts = new ArrayList<>(Contracts.ALL.values());
        for (int i = 0; i < contracts.size(); i++) {
            DATA.put(contracts.get(i).name(), io.read(locations.get(i), contracts.get(i)).cache());
        }
        Instant end = SampleTables.START.plus(Duration.ofDays(DAYS));
        now = Timestamp.from(end);
        shift = Timestamp.from(SampleTables.START.plus(Duration.ofSeconds((long) (0.7 * DAYS * 86400))));
    }

    private static Dataset<Row> t(String name) {
        return DATA.get(name);
    }

    @Test
    void resultReportsEveryTableAndTheSimulatedNow() {
        assertEquals(Contracts.ALL.keySet(), result.rows().keySet());
        for (Map.Entry<String, Long> e : result.rows().entrySet()) {
            assertEquals(t(e.getKey()).count(), e.getValue(), e.getKey());
            assertTrue(e.getValue() > 0, e.getKey() + " is empty");
        }
        assertEquals(SIGNALS, result.rows().get("signals"));
        assertEquals(now.toInstant(), result.now());
    }

    @Test
    void everyTableMatchesItsContractAndHasNoNullKeysOrTimes() {
        for (TableContract contract : Contracts.ALL.values()) {
            Dataset<Row> d = t(contract.name());
            assertEquals(List.of(), SchemaValidator.problems(d.schema(), contract), contract.name());
            for (ColumnSpec c : contract.columns()) {
                if (!c.nullable()) {
                    assertEquals(0, d.filter(col(c.name()).isNull()).count(), contract.name() + "." + c.name() + " has nulls");
                }
            }
        }
        assertEquals(SIGNALS, t("signals").select("signal_id").distinct().count(), "signal ids are unique");
        assertEquals(t("outcomes").count(), t("outcomes").select("signal_id").distinct().count());
        assertEquals(t("genesis_windows").count(), t("genesis_windows").select("token").distinct().count());
    }

    @Test
    void snapshotIdsAreUniqueAndIncreaseWithKnownAtAndTiesOccur() {
        for (TableContract c : List.of(Contracts.WALLET_SNAPSHOTS, Contracts.WALLET_FEATURES, Contracts.CREATOR_STATS,
                Contracts.TOKEN_STATE, Contracts.GRAPH_SCORES, Contracts.MARKET_REGIME)) {
            Dataset<Row> d = t(c.name());
            assertEquals(d.count(), d.select("snapshot_id").distinct().count(), c.name() + " snapshot ids are unique");
            long decreasing = d.withColumn("prev", lag(col("known_at"), 1).over(Window.orderBy(col("snapshot_id"))))
                    .filter(col("prev").gt(col("known_at"))).count();
            assertEquals(0, decreasing, c.name() + ": a greater snapshot_id has an earlier known_at");
            assertTrue(d.agg(max("known_at")).first().getTimestamp(0).compareTo(now) <= 0, c.name() + " knows the future");
        }
        long tokenTies = t("token_state").groupBy("token", "known_at").count().filter(col("count").gt(1)).count();
        long walletTies = t("wallet_snapshots").groupBy("wallet", "known_at").count().filter(col("count").gt(1)).count();
        assertTrue(tokenTies > 0, "token_state has writes of one token in the same second");
        assertTrue(walletTies > 0, "wallet_snapshots has writes of one wallet in the same second");
    }

    /** No context row is stamped before the event it reflects (a signal must never see itself). */
    @Test
    void contextIsNeverKnownBeforeTheEventsItReflects() {
        Timestamp start = Timestamp.from(SampleTables.START);
        Dataset<Row> firstSignal = t("signals").groupBy("wallet").agg(min("signal_time").as("first"));
        Dataset<Row> newWallets = t("wallet_snapshots").groupBy("wallet").agg(min("known_at").as("known"))
                .filter(col("known").geq(lit(start))).join(firstSignal, "wallet");
        assertTrue(newWallets.count() > 0, "wallets without history exist");
        assertEquals(0, newWallets.filter(col("known").lt(col("first"))).count(), "a new wallet's first snapshot precedes its first trade");

        Dataset<Row> created = t("genesis_windows").select("token", "created_at", "creator");
        Dataset<Row> states = t("token_state").join(created, "token");
        assertEquals(0, states.filter(expr("known_at <= created_at")).count(), "token state known before the launch");
        assertEquals(0, states.filter(expr("known_at < created_at + interval 60 seconds and lifecycle_state != 7")).count(),
                "only a rug is reported before the token's first minute ended");
        Dataset<Row> firstLaunch = created.groupBy("creator").agg(min("created_at").as("first"));
        Dataset<Row> newCreators = t("creator_stats").groupBy("creator").agg(min("known_at").as("known"))
                .filter(col("known").geq(lit(start))).join(firstLaunch, "creator");
        assertTrue(newCreators.count() > 0, "creators without history exist");
        assertEquals(0, newCreators.filter(col("known").lt(col("first"))).count(), "a new creator's stats precede its first launch");
    }

    /**
     * A launch's insider and bot-buyer shares are observed over its first minute: a new creator's
     * stats carry none before its first launch is a minute old, so a signal in that minute cannot
     * read its own token's early buyers through them. (A new creator's first row is written 1-10 s
     * after its first launch, so rows within 50 s of it are inside that minute, and rows more than
     * 60 s after it are past it.)
     */
    @Test
    void creatorSharesOfALaunchAreKnownOnlyAfterItsFirstMinute() {
        Timestamp start = Timestamp.from(SampleTables.START);
        Dataset<Row> newCreators = t("creator_stats").groupBy("creator").agg(min("known_at").as("first_row"))
                .filter(col("first_row").geq(lit(start)));
        Dataset<Row> rows = t("creator_stats").join(newCreators, "creator");
        Dataset<Row> firstMinute = rows.filter(expr("known_at < first_row + interval 50 seconds"));
        assertTrue(firstMinute.count() > 0, "new creators' stats written in their first launch's first minute");
        assertEquals(0, firstMinute.filter(col("creator_insider_share").isNotNull().or(col("creator_bot_buyer_share").isNotNull())).count(),
                "insider / bot-buyer shares known before the launch's first minute ended");
        assertTrue(rows.filter(expr("known_at > first_row + interval 60 seconds")).filter(col("creator_insider_share").isNotNull()).count() > 0,
                "the shares appear once the minute is over");
    }

    @Test
    void outcomesAreNestedMaturedByNowAndNeverObservedEarly() {
        Dataset<Row> o = t("outcomes").join(t("signals").select("signal_id", "signal_time"), "signal_id");
        Horizon[] hs = Horizon.values();
        for (int i = 0; i < hs.length; i++) {
            Horizon h = hs[i];
            Column observed = col(h.observedAtColumn());
            long seconds = h.duration().toSeconds();
            assertEquals(0, o.filter(observed.lt(expr("signal_time + make_interval(0,0,0,0,0,0," + seconds + ")"))).count(),
                    h.label() + " observed before its horizon ended");
            assertEquals(0, o.filter(observed.gt(lit(now))).count(), h.label() + " observed after now");
            assertEquals(0, o.filter(col(h.peakColumn()).isNull().notEqual(observed.isNull())).count());
            if (i > 0) {
                assertEquals(0, o.filter(col(h.peakColumn()).lt(col(hs[i - 1].peakColumn()))).count(),
                        h.label() + " peak below a shorter horizon's peak");
            }
        }
        assertEquals(0, t("signals").filter(col("signal_time").gt(lit(now))).count());
        // Near "now" horizons have not matured: a signal 20 minutes old has its 10m peak but no 1h peak.
        assertTrue(o.filter(col("peak_multiple_10m").isNotNull().and(col("peak_multiple_1h").isNull())).count() > 0);
        assertTrue(o.filter(col("peak_multiple_24h").isNull()).count() > 0);
        assertEquals(0, o.filter(col("peak_multiple_1h").isNotNull()
                .and(col("signal_time").gt(lit(Timestamp.from(now.toInstant().minus(Duration.ofHours(1))))))).count());
        long lost = SIGNALS - t("outcomes").count();
        assertTrue(lost > 0 && lost < SIGNALS * 0.02, "a few tracking failures: " + lost);
    }

    /** Labels as the pipeline derives them: peak >= M among rows whose horizon matured. */
    private static Dataset<Row> labelled(TargetSpec target) {
        return t("outcomes").filter(col(target.horizon().peakColumn()).isNotNull())
                .select(col("signal_id"), col(target.horizon().peakColumn()).geq(target.multiple()).as("y"));
    }

    private static double rate(Dataset<Row> labelled) {
        return labelled.agg(avg(col("y").cast("double"))).first().getDouble(0);
    }

    @Test
    void positivesAreRareAndLongerOrHigherTargetsBehaveSensibly() {
        Map<String, double[]> plausible = Map.of("reach_2x_10m", new double[]{0.02, 0.15}, "reach_3x_30m", new double[]{0.005, 0.10},
                "reach_2x_1h", new double[]{0.03, 0.20}, "reach_2x_4h", new double[]{0.03, 0.20},
                "reach_5x_24h", new double[]{0.003, 0.08});
        Map<String, Double> rates = new HashMap<>();
        for (String name : OracleTargets.DEFAULT) {
            double r = rate(labelled(TargetSpec.parse(name)));
            rates.put(name, r);
            assertTrue(r >= plausible.get(name)[0] && r <= plausible.get(name)[1], name + " positive rate " + r);
        }
        assertTrue(rates.get("reach_5x_24h") < rates.get("reach_2x_10m"));
        assertTrue(rates.get("reach_3x_30m") < rates.get("reach_2x_1h"));
    }

    @Test
    void aFewWalletsCarryALargeShareOfSignals() {
        List<Row> perWallet = t("signals").groupBy("wallet").count().orderBy(col("count").desc()).limit(WALLETS / 100).collectAsList();
        long top = perWallet.stream().mapToLong(r -> r.getLong(1)).sum();
        assertTrue(top >= 0.2 * SIGNALS, "top 1% of wallets carry " + top + " of " + SIGNALS + " signals");
    }

    @Test
    void newWalletsAndCreatorsHaveNoHistory() {
        Dataset<Row> asOf = AsOf.atSignal(t("signals"), t("wallet_snapshots"), "wallet", "alpha_score");
        long missing = asOf.filter(col("found").equalTo(false)).count();
        assertTrue(missing > 0 && missing < 0.2 * SIGNALS, "signals without a wallet snapshot known: " + missing);
        assertTrue(t("creator_stats").filter(col("creator_rug_rate").isNull()).count() > 0, "creators without resolved launches");
        assertTrue(t("wallet_features").filter(col("win_rate_2x").isNull()).count() > 0, "wallets without observed outcomes");
    }

    @Test
    void theMarketShiftsAtTheRegimeShift() {
        Dataset<Row> y = labelled(TargetSpec.parse("reach_2x_1h")).join(t("signals").select("signal_id", "signal_time"), "signal_id")
                .join(t("oracle").filter("entity_kind = 'signal' and target = 'reach_2x_1h'")
                        .select(col("entity_id").as("signal_id"), col("probability")), "signal_id");
        Dataset<Row> before = y.filter(col("signal_time").lt(lit(shift)));
        Dataset<Row> after = y.filter(col("signal_time").geq(lit(shift)));
        // The latent hit rate (mean oracle) is the low-noise view of the shift; realised rates follow it.
        double latentBefore = before.agg(avg("probability")).first().getDouble(0);
        double latentAfter = after.agg(avg("probability")).first().getDouble(0);
        assertTrue(latentBefore > 1.3 * latentAfter, "latent 2x-1h rate before " + latentBefore + ", after " + latentAfter);
        assertTrue(rate(before) > rate(after), "2x-1h hit rate before " + rate(before) + ", after " + rate(after));
        Dataset<Row> m = t("market_regime").filter(col("known_at").gt(lit(Timestamp.from(SampleTables.START.plus(Duration.ofDays(1))))));
        double creationBefore = m.filter(col("known_at").lt(lit(shift))).agg(avg("token_creation_rate_1h")).first().getDouble(0);
        double creationAfter = m.filter(col("known_at").geq(lit(shift))).agg(avg("token_creation_rate_1h")).first().getDouble(0);
        assertTrue(creationAfter > 1.3 * creationBefore, "creation rate before " + creationBefore + ", after " + creationAfter);
    }

    @Test
    void oracleIsCalibratedAgainstRealisedOutcomes() {
        Dataset<Row> oracle = t("oracle");
        assertEquals(5L * SIGNALS, oracle.filter(col("entity_kind").equalTo("signal")).count());
        assertEquals(5L * t("genesis_windows").count(), oracle.filter(col("entity_kind").equalTo("token")).count());
        assertEquals(0, oracle.filter(col("probability").lt(0).or(col("probability").gt(1))).count());
        Dataset<Row> signalTokens = t("signals").select(col("signal_id"), col("token"));
        for (String name : OracleTargets.DEFAULT) {
            TargetSpec target = TargetSpec.parse(name);
            Dataset<Row> p = oracle.filter(col("entity_kind").equalTo("signal").and(col("target").equalTo(name)))
                    .select(col("entity_id").as("signal_id"), col("probability"));
            Dataset<Row> rows = labelled(target).join(p, "signal_id").join(signalTokens, "signal_id");
            assertCalibrated(name, rows);
            // Without foresight (the trading end integrated out) the probability is still calibrated.
            Dataset<Row> noForesight = oracle.filter(col("entity_kind").equalTo("signal").and(col("target").equalTo(name)))
                    .select(col("entity_id").as("signal_id"), col("probability_no_foresight").as("probability"));
            assertCalibrated(name + " without foresight", labelled(target).join(noForesight, "signal_id").join(signalTokens, "signal_id"));
            double low = rate(rows.filter(col("probability").lt(0.05)));
            double high = rate(rows.filter(col("probability").geq(0.3)));
            assertTrue(high > 3 * low && high > 0.2, name + ": hit rate " + high + " at p >= 0.3 vs " + low + " at p < 0.05");
        }
        // Genesis: token outcomes against token oracle rows.
        Dataset<Row> g = t("genesis_outcomes").filter(col("peak_multiple_1h").isNotNull())
                .select(col("token"), col("peak_multiple_1h").geq(2.0).as("y"))
                .join(oracle.filter("entity_kind = 'token' and target = 'reach_2x_1h'").select(col("entity_id").as("token"), col("probability")), "token");
        assertCalibrated("genesis reach_2x_1h", g);
    }

    /**
     * Mean predicted vs realised, with a cluster-robust z statistic: signals of one token share
     * its price path, so residuals are summed per token before squaring.
     */
    private static void assertCalibrated(String name, Dataset<Row> rows) {
        Dataset<Row> perToken = rows.groupBy("token").agg(sum(col("y").cast("double").minus(col("probability"))).as("r"),
                count(lit(1)).as("n"), sum("probability").as("p"));
        Row r = perToken.agg(sum("r"), sum(col("r").multiply(col("r"))), sum("n"), sum("p")).first();
        double residual = r.getDouble(0);
        double z = residual / Math.sqrt(r.getDouble(1));
        double meanP = r.getDouble(3) / r.getLong(2);
        double meanY = meanP + residual / r.getLong(2);
        assertTrue(Math.abs(z) < 4, name + ": mean oracle " + meanP + " vs realised " + meanY + " (z = " + z + ")");
        assertTrue(Math.abs(meanP - meanY) < 0.03, name + ": mean oracle " + meanP + " vs realised " + meanY);
    }

    @Test
    void latestContextLeaksTheOutcomeWhilePointInTimeContextIsHonest() {
        Dataset<Row> y = labelled(TargetSpec.parse("reach_2x_1h"));
        Dataset<Row> signals = t("signals");
        Dataset<Row> pit = AsOf.atSignal(signals, t("wallet_features"), "wallet", "win_rate_2x").toDF("signal_id", "pf", "pit");
        Dataset<Row> latest = AsOf.latest(signals, t("wallet_features"), "wallet", "win_rate_2x").toDF("signal_id", "lf", "latest");
        Dataset<Row> both = y.join(pit, "signal_id").join(latest, "signal_id").filter(col("pit").isNotNull().and(col("latest").isNotNull()));
        Row winners = both.filter(col("y")).agg(avg(col("latest").gt(col("pit")).cast("double"))).first();
        Row losers = both.filter(col("y").equalTo(false)).agg(avg(col("latest").gt(col("pit")).cast("double"))).first();
        assertTrue(winners.getDouble(0) > losers.getDouble(0) + 0.15,
                "latest win rate above the point-in-time one: winners " + winners.getDouble(0) + ", losers " + losers.getDouble(0));

        for (String[] f : new String[][]{{"wallet_snapshots", "wallet", "alpha_score"}, {"token_state", "token", "curve_progress"},
                {"creator_stats", "creator", "creator_avg_peak_multiple"}}) {
            double honest = auc(y, AsOf.atSignal(signals, t(f[0]), f[1], f[2]));
            double leaked = auc(y, AsOf.latest(signals, t(f[0]), f[1], f[2]));
            assertTrue(leaked > honest + 0.04, f[2] + ": latest-row AUC " + leaked + " vs point-in-time " + honest);
        }
        double alpha = auc(y, AsOf.atSignal(signals, t("wallet_snapshots"), "wallet", "alpha_score"));
        assertTrue(alpha > 0.55, "alpha_score known at the signal carries signal: AUC " + alpha);
        double rug = auc(y, AsOf.atSignal(signals, t("creator_stats"), "creator", "creator_rug_rate"));
        assertTrue(rug < 0.47, "creators with a rug history launch losers: AUC " + rug);
    }

    private static double auc(Dataset<Row> labels, Dataset<Row> scores) {
        List<Row> rows = labels.join(scores, "signal_id").select("value", "y").collectAsList();
        List<Double> s = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        for (Row r : rows) {
            s.add(r.isNullAt(0) ? null : r.getDouble(0));
            l.add(r.getBoolean(1));
        }
        return Auc.of(s, l);
    }

    @Test
    void genesisWindowsCoverMostTokensWithTheirWindowRules() {
        Dataset<Row> w = t("genesis_windows");
        long tokens = Math.round(SIGNALS * WorldSpec.TOKENS_PER_SIGNAL);
        long windows = w.count();
        assertTrue(windows >= 0.97 * tokens && windows < tokens, windows + " windows for " + tokens + " tokens");
        assertEquals(0, w.filter(expr("not ((not aborted and window_end = created_at + interval 60 seconds)"
                + " or (aborted and window_end = created_at + interval 30 seconds))")).count());
        assertTrue(w.filter(col("aborted")).count() > 0);
        assertEquals(0, w.filter(col("known_at").lt(col("window_end"))).count());
        Dataset<Row> signalled = t("signals").select(col("token").as("signalled")).distinct();
        long withoutSignals = w.join(signalled, w.col("token").equalTo(signalled.col("signalled")), "left_anti").count();
        assertTrue(withoutSignals > 0, "tokens without signals still have genesis windows");
        assertEquals(Contracts.GENESIS_WINDOW_FEATURES.size(), 57);
        Dataset<Row> go = t("genesis_outcomes").join(w.select("token", "window_end"), "token");
        for (Horizon h : Horizon.values()) {
            assertEquals(0, go.filter(col(h.observedAtColumn()).lt(expr("window_end + make_interval(0,0,0,0,0,0,"
                    + h.duration().toSeconds() + ")"))).count(), "genesis " + h.label());
        }
        // Token state ends in a lifecycle outcome: graduated, dead or rugged tokens all occur.
        List<Row> states = t("token_state").groupBy("lifecycle_state").count().collectAsList();
        assertTrue(states.stream().map(r -> r.getInt(0)).toList().containsAll(List.of(4, 6, 7)), states.toString());
        assertTrue(t("signals").agg(countDistinct("creator")).first().getLong(0) > 10);
    }
}
