package com.alphaleak.ingest.live;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Horizon;
import com.alphaleak.ingest.LiveDatabase;
import com.alphaleak.io.TableIO;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * Plays a generated sample world (its Delta tables) into the {@link LiveSchema} in PostgreSQL as the
 * live system would have written it up to a simulated instant: history rows inserted, outcome rows
 * holding the horizons observed so far, and feature tables holding only each key's latest state.
 * {@link #advanceTo} moves the simulated clock forward in steps (e.g. 30-minute recomputations), so
 * ingest passes between steps see the tables change in place.
 */
public final class LiveWorldLoader {
    private static final String CLOCK = "alphaleak_sample_clock";

    private final SparkSession spark;
    private final LiveDatabase db;
    private final AlphaLeakConfig.Tables world;
    private final TableIO io;

    /** @param world where the generator wrote the world (Delta) */
    public LiveWorldLoader(SparkSession spark, LiveDatabase db, AlphaLeakConfig.Tables world) {
        this.spark = spark;
        this.db = db;
        this.world = world;
        this.io = new TableIO(spark);
    }

    /** Creates the live tables (and their staging twins) when missing. */
    public void createSchema() {
        List<String> ddl = new ArrayList<>();
        for (LiveSchema.Table t : LiveSchema.ALL) {
            ddl.add(t.createSql(t.name()));
            ddl.add("CREATE UNLOGGED TABLE IF NOT EXISTS " + stage(t) + " (LIKE " + t.name() + ")");
            if (t.time() != null) ddl.add("CREATE INDEX IF NOT EXISTS " + t.name() + "_time ON " + t.name() + " (" + t.live(t.time()) + ")");
            if (t.kind() != LiveSchema.Kind.INSERT_ONLY) ddl.add("CREATE INDEX IF NOT EXISTS " + t.name() + "_updated ON " + t.name() + " (updated_at)");
        }
        ddl.add("CREATE TABLE IF NOT EXISTS " + CLOCK + " (id integer PRIMARY KEY, now timestamptz NOT NULL)");
        db.execute(ddl.toArray(String[]::new));
    }

    /** The simulated instant the live tables are at, empty before the first step. */
    public Optional<Instant> clock() {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT now FROM " + CLOCK + " WHERE id = 1")) {
            return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
        } catch (SQLException e) {
            throw db.failure("reading the sample clock", e);
        }
    }

    /**
     * Brings every live table to its state at {@code t}: what the live system would hold then.
     * Idempotent; {@code t} before the current clock is refused.
     */
    public void advanceTo(Instant t) {
        Optional<Instant> prev = clock();
        if (prev.isPresent() && t.isBefore(prev.get())) {
            throw new IllegalArgumentException("the sample clock is at " + prev.get() + "; cannot go back to " + t);
        }
        Timestamp from = Timestamp.from(prev.orElse(Instant.parse("0001-01-01T00:00:00Z")));
        Timestamp to = Timestamp.from(t);
        write(LiveSchema.SIGNALS, inserted(LiveSchema.SIGNALS, world.signals(), from, to));
        write(LiveSchema.WALLET_SCORES, inserted(LiveSchema.WALLET_SCORES, world.walletSnapshots(), from, to));
        write(LiveSchema.REGIME, inserted(LiveSchema.REGIME, world.marketRegime(), from, to));
        write(LiveSchema.GENESIS_WINDOWS, inserted(LiveSchema.GENESIS_WINDOWS, world.genesisWindows(), from, to));
        write(LiveSchema.WALLET_FEATURES, recomputed(LiveSchema.WALLET_FEATURES, world.walletFeatures(), from, to));
        write(LiveSchema.CREATOR_STATS, recomputed(LiveSchema.CREATOR_STATS, world.creatorStats(), from, to));
        write(LiveSchema.TOKEN_STATE, recomputed(LiveSchema.TOKEN_STATE, world.tokenState(), from, to));
        write(LiveSchema.GRAPH_SCORES, recomputed(LiveSchema.GRAPH_SCORES, world.graphScores(), from, to));
        Dataset<Row> signalStart = io.readRaw(world.signals()).select(col("signal_id"), col("signal_time").as("alphaleak_start"));
        write(LiveSchema.OUTCOMES, outcomes(LiveSchema.OUTCOMES, io.readRaw(world.outcomes()).join(signalStart, "signal_id"),
                "signal_id", from, to));
        Dataset<Row> windowEnd = io.readRaw(world.genesisWindows()).select(col("token").as("alphaleak_token"),
                col("window_end").as("alphaleak_window_end"));
        Dataset<Row> genesis = io.readRaw(world.genesisOutcomes()).join(windowEnd, col("token").equalTo(col("alphaleak_token")), "left");
        genesis = genesis.withColumn("alphaleak_start", coalesce(col("alphaleak_window_end"),
                least(java.util.Arrays.stream(Horizon.values()).map(h -> col(h.observedAtColumn())).toArray(Column[]::new))));
        write(LiveSchema.GENESIS_OUTCOMES, outcomes(LiveSchema.GENESIS_OUTCOMES, genesis, "token", from, to));
        db.execute("INSERT INTO " + CLOCK + " VALUES (1, '" + t + "'::timestamptz) ON CONFLICT (id) DO UPDATE SET now = EXCLUDED.now");
    }

    private Dataset<Row> inserted(LiveSchema.Table t, TableLocation at, Timestamp from, Timestamp to) {
        Dataset<Row> rows = io.readRaw(at).filter(col(t.time()).gt(lit(from)).and(col(t.time()).leq(lit(to))));
        return rows.select(t.storedColumns().stream().map(c -> col(c.name()).as(t.live(c.name()))).toArray(Column[]::new));
    }

    /** Each key's latest row known at {@code to}, for keys whose latest row is newer than {@code from}. */
    private Dataset<Row> recomputed(LiveSchema.Table t, TableLocation at, Timestamp from, Timestamp to) {
        String knownAt = t.contract().knownAtColumn().orElseThrow();
        var newest = Window.partitionBy(t.contract().keyColumns().stream().map(k -> col(k)).toArray(Column[]::new))
                .orderBy(col(knownAt).desc(), col(t.contract().tieBreakColumn().orElseThrow()).desc());
        Dataset<Row> latest = io.readRaw(at).filter(col(knownAt).leq(lit(to)))
                .withColumn("alphaleak_rank", row_number().over(newest)).filter(col("alphaleak_rank").equalTo(1))
                .filter(col(knownAt).gt(lit(from)));
        List<Column> cols = new ArrayList<>();
        for (ColumnSpec c : t.storedColumns()) cols.add(col(c.name()).as(t.live(c.name())));
        cols.add(col(knownAt).as("updated_at"));
        return latest.select(cols.toArray(Column[]::new));
    }

    /** Outcome rows as the tracker holds them at {@code to}: a horizon's peak only once observed. */
    private Dataset<Row> outcomes(LiveSchema.Table t, Dataset<Row> rows, String id, Timestamp from, Timestamp to) {
        List<Column> cols = new ArrayList<>();
        List<Column> observed = new ArrayList<>();
        observed.add(col("alphaleak_start"));
        for (ColumnSpec c : t.storedColumns()) {
            Optional<Horizon> h = java.util.Arrays.stream(Horizon.values())
                    .filter(x -> x.peakColumn().equals(c.name()) || x.observedAtColumn().equals(c.name())).findFirst();
            if (h.isEmpty()) {
                cols.add(col(c.name()));
                continue;
            }
            Column seen = col(h.get().observedAtColumn()).leq(lit(to));
            cols.add(when(seen, col(c.name())).as(c.name()));
            if (c.name().equals(h.get().observedAtColumn())) observed.add(when(seen, col(c.name())));
        }
        Column updated = greatest(observed.toArray(Column[]::new));
        cols.add(updated.as("updated_at"));
        return rows.filter(col("alphaleak_start").leq(lit(to))).select(cols.toArray(Column[]::new))
                .filter(col("updated_at").gt(lit(from)));
    }

    /** Stages the rows and moves them into the live table in one statement: insert, or update in place. */
    private void write(LiveSchema.Table t, Dataset<Row> rows) {
        db.execute("TRUNCATE " + stage(t));
        rows.write().mode(SaveMode.Append).option("batchsize", "5000").jdbc(db.url(), stage(t), db.properties());
        List<String> cols = new ArrayList<>(t.ddlColumns().keySet());
        String conflict = t.kind() == LiveSchema.Kind.INSERT_ONLY ? "DO NOTHING"
                : "DO UPDATE SET " + cols.stream().filter(c -> !t.key().contains(c)).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        db.execute("INSERT INTO " + t.name() + " (" + String.join(", ", cols) + ") SELECT " + String.join(", ", cols)
                + " FROM " + stage(t) + " ON CONFLICT (" + String.join(", ", t.key()) + ") " + conflict);
    }

    private static String stage(LiveSchema.Table t) {
        return "alphaleak_stage_" + t.name();
    }
}
