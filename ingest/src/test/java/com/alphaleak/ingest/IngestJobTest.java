package com.alphaleak.ingest;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.ConfigLoader;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.features.dataset.BuildDatasets;
import com.alphaleak.features.dataset.DatasetWriter;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest against a real PostgreSQL holding a tiny sample world in its live-style schema, played
 * forward in 30-minute recomputations. The generator's Delta tables are the reference.
 */
class IngestJobTest extends SharedSpark {
    /** Tables the live system appends to or updates until final: ingested they equal the generator's, row for row. */
    static final Map<String, TableContract> HISTORY = Map.of("signals", Contracts.SIGNALS, "outcomes", Contracts.OUTCOMES,
            "wallet-snapshots", Contracts.WALLET_SNAPSHOTS, "market-regime", Contracts.MARKET_REGIME,
            "genesis-windows", Contracts.GENESIS_WINDOWS, "genesis-outcomes", Contracts.GENESIS_OUTCOMES);
    static final Map<String, TableContract> RECOMPUTED = Map.of("wallet-features", Contracts.WALLET_FEATURES,
            "creator-stats", Contracts.CREATOR_STATS, "token-state", Contracts.TOKEN_STATE, "graph-scores", Contracts.GRAPH_SCORES);

    @Test
    void recomputationsAreCapturedAsChangesAndTheHistoryLoadsIncrementally() throws Exception {
        LiveWorld live = LiveWorld.fresh(spark(), "ingest_passes", path("work"), Map.of());
        AlphaLeakConfig world = LiveWorld.world(spark());
        Instant first = LiveWorld.start().plus(Duration.ofHours(12));
        List<Instant> captures = List.of(first, first.plus(Duration.ofMinutes(30)), first.plus(Duration.ofMinutes(60)),
                LiveWorld.end());
        TableIO io = new TableIO(spark());
        long previousSignals = 0;
        for (int i = 0; i < captures.size(); i++) {
            Instant c = captures.get(i);
            live.loader.advanceTo(c);
            IngestJob.Result r = live.ingest(spark()).knownAt(c).execute();
            long expected = io.readRaw(world.tables().signals()).filter(col("signal_time").leq(lit(Timestamp.from(c)))).count();
            Dataset<Row> signals = io.readRaw(live.config.tables().signals());
            assertEquals(expected, signals.count(), "signals known at " + c);
            assertEquals(expected, signals.select("signal_id").distinct().count(), "no duplicates");
            assertEquals(expected - previousSignals, rows(r, "signals"), "only the new signals are read");
            previousSignals = expected;
            if (i == 1) {
                // A pass with nothing new in between: nothing appended, merged or captured.
                IngestJob.Result again = live.ingest(spark()).knownAt(c.plusSeconds(60)).execute();
                again.sources().forEach(s -> assertEquals(0, s.rows(), s.source() + " after an idle interval"));
            }
        }
        for (var e : HISTORY.entrySet()) {
            assertSameRows(io.readRaw(location(world, e.getKey())), io.readRaw(location(live.config, e.getKey())), e.getValue(), e.getKey());
        }
        List<Instant> stamped = new ArrayList<>(captures);
        for (var e : RECOMPUTED.entrySet()) {
            Dataset<Row> expected = AlignedCaptures.of(io.readRaw(location(world, e.getKey())), e.getValue(), stamped);
            Dataset<Row> ingested = io.readRaw(location(live.config, e.getKey()));
            assertSameRows(expected, ingested, e.getValue(), e.getKey());
            long keys = ingested.select(e.getValue().keyColumns().get(0)).distinct().count();
            assertTrue(ingested.count() < keys * captures.size(), e.getKey() + ": unchanged rows are not captured again");
        }

        // Point-in-time datasets: the ingested tables give exactly the datasets of the generator's
        // history tables with each recomputed table as its captures saw it.
        Map<String, String> reference = new LinkedHashMap<>(LiveWorld.sampleSettings(path("reference")));
        for (String t : HISTORY.keySet()) reference.put("tables." + t + ".path", location(world, t).path().orElseThrow());
        for (var e : RECOMPUTED.entrySet()) {
            String p = path("reference-" + e.getKey());
            AlignedCaptures.of(io.readRaw(location(world, e.getKey())), e.getValue(), stamped).write().format("delta").save(p);
            reference.put("tables." + e.getKey() + ".path", p);
        }
        List<Dataset<Row>> fromIngest = datasets(live.config);
        List<Dataset<Row>> fromReference = datasets(ConfigLoader.load(Optional.empty(), reference));
        assertEquals(2, fromIngest.size());
        for (int i = 0; i < fromIngest.size(); i++) {
            assertSameRows(fromReference.get(i), fromIngest.get(i), "dataset " + i);
        }
    }

    @Test
    void anIngestKilledHalfWayIsResumedWithoutDuplicatesOrGaps() throws Exception {
        LiveWorld live = LiveWorld.fresh(spark(), "ingest_crash", path("work"), Map.of());
        AlphaLeakConfig world = LiveWorld.world(spark());
        Instant first = LiveWorld.start().plus(Duration.ofHours(14));
        live.loader.advanceTo(first);
        List<String> reported = killAfterCommits(live, first, 4);
        // Sources commit in parallel (ingest.parallel-sources), so which ones committed before the
        // kill is read from their Delta tables, not from the order the child reported them in.
        List<String> committed = live.config.ingest().sources().stream()
                .filter(s -> new DeltaTarget(spark(), s.target()).lastMarker(s.name()).isPresent())
                .map(com.alphaleak.config.IngestConfig.Source::name).toList();
        assertTrue(committed.containsAll(reported), "reported " + reported + ", committed " + committed);
        assertTrue(committed.size() < live.config.ingest().sources().size(), "killed half way: only " + committed + " committed");

        live.loader.advanceTo(LiveWorld.end());
        live.ingest(spark()).knownAt(LiveWorld.end()).execute();
        TableIO io = new TableIO(spark());
        for (var e : HISTORY.entrySet()) {
            assertSameRows(io.readRaw(location(world, e.getKey())), io.readRaw(location(live.config, e.getKey())), e.getValue(), e.getKey());
        }
        for (var e : RECOMPUTED.entrySet()) {
            List<Instant> seen = committed.contains(e.getKey()) ? List.of(first, LiveWorld.end()) : List.of(LiveWorld.end());
            assertSameRows(AlignedCaptures.of(io.readRaw(location(world, e.getKey())), e.getValue(), seen),
                    io.readRaw(location(live.config, e.getKey())), e.getValue(), e.getKey());
        }
        // Replaying an earlier capture time would break the table's time order: refused, exit 2.
        var late = assertThrows(CaptureOrderException.class, () -> live.ingest(spark()).only(List.of("token-state")).knownAt(first).execute());
        assertEquals(2, late.exitCode());
    }

    /**
     * Runs the ingest in a child JVM and kills it (SIGKILL) as soon as it reports its n-th commit,
     * while it works on the next table. Returns the sources it reported committed.
     */
    private List<String> killAfterCommits(LiveWorld live, Instant knownAt, int n) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        cmd.addAll(com.alphaleak.spark.JvmOpens.flags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), knownAt.toString()));
        LiveWorld.sampleSettings(path("work")).forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add("ingest.url=" + live.url);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        var pg = com.alphaleak.ingest.testing.PostgresServer.shared();
        pb.environment().put(live.config.ingest().userEnv(), pg.user());
        pb.environment().put(live.config.ingest().passwordEnv(), pg.password());
        Process child = pb.start();
        List<String> committed = new ArrayList<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("COMMITTED ")) committed.add(line.substring(10));
                if (committed.size() == n) {
                    child.destroyForcibly();
                    break;
                }
                assertTrue(!line.equals("DONE"), "the child finished before it was killed");
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertEquals(n, committed.size(), "the child died before its " + n + "th commit");
        return committed;
    }

    private List<Dataset<Row>> datasets(AlphaLeakConfig config) {
        List<Dataset<Row>> out = new ArrayList<>();
        for (DatasetWriter.Outcome o : BuildDatasets.with(spark(), config).runId("ingest-test").execute().datasets()) {
            Dataset<Row> d = spark().read().format("delta").load(o.path());
            out.add(d.select(java.util.Arrays.stream(d.columns()).sorted().map(c -> col(c)).toArray(Column[]::new)));
        }
        return out;
    }

    static long rows(IngestJob.Result r, String source) {
        return r.sources().stream().filter(s -> s.source().equals(source)).findFirst().orElseThrow().rows();
    }

    static TableLocation location(AlphaLeakConfig c, String name) {
        return c.tables().all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** Same multiset of rows over the contract's columns; the tables are tiny, so compared in the driver. */
    static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, TableContract contract, String what) {
        Column[] cols = contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
        assertSameRows(expected.select(cols), actual.select(cols), what);
    }

    static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, String what) {
        List<String> e = expected.collectAsList().stream().map(Row::toString).sorted().toList();
        List<String> a = actual.collectAsList().stream().map(Row::toString).sorted().toList();
        assertTrue(!e.isEmpty(), what + " is empty");
        if (!e.equals(a)) {
            List<String> missing = new ArrayList<>(e);
            a.forEach(missing::remove);
            List<String> extra = new ArrayList<>(a);
            e.forEach(extra::remove);
            throw new AssertionError(what + ": " + missing.size() + " expected row(s) missing, " + extra.size()
                    + " unexpected; e.g. missing " + missing.stream().limit(2).toList() + ", unexpected " + extra.stream().limit(2).toList());
        }
    }
}
