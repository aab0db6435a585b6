package com.alphaleak.ingest;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.config.IngestConfig;
import com.alphaleak.config.IngestMode;
import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads each configured live table from PostgreSQL and commits it to its Delta input table
 * ({@link IngestMode}): append and upsert by watermark, snapshot by change capture. Each source is
 * one Delta commit that carries its position ({@link IngestMarker}), so sources are independent and
 * {@code ingest.parallel-sources} of them run at once; a source whose batch breaks its
 * contract commits nothing, the others go on, and every problem is reported at the end in one
 * {@link DataContractException} (exit 3).
 *
 * <pre>{@code
 * IngestJob.Result r = IngestJob.with(spark, config.ingest(), LiveDatabase.of(config.ingest(), credentials)).execute();
 * }</pre>
 *
 * <p>Append reads rows with watermark in (last committed, max at the start of the pass]: a fixed
 * upper bound, so rows with the same watermark are never split between passes. This assumes rows
 * become visible in watermark order (a sequence or an insert time set at commit); a live table whose
 * watermark can be committed late needs a lag (a view excluding the newest minutes).
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private final SparkSession spark;
    private final IngestConfig config;
    private final LiveDatabase db;
    private List<String> only = List.of();
    private Optional<Instant> knownAt = Optional.empty();
    private Consumer<SourceResult> afterCommit = r -> { };

    private IngestJob(SparkSession spark, IngestConfig config, LiveDatabase db) {
        this.spark = Objects.requireNonNull(spark);
        this.config = Objects.requireNonNull(config);
        this.db = Objects.requireNonNull(db);
    }

    public static IngestJob with(SparkSession spark, IngestConfig config, LiveDatabase db) {
        return new IngestJob(spark, config, db);
    }

    /** Only these sources (their names under {@code ingest.sources}); empty = all. */
    public IngestJob only(List<String> sources) {
        List<String> known = config.sources().stream().map(IngestConfig.Source::name).toList();
        List<String> unknown = sources.stream().filter(s -> !known.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new com.alphaleak.config.ConfigValidationException(List.of("--source " + unknown + " is not configured; known: " + known));
        }
        this.only = List.copyOf(sources);
        return this;
    }

    /**
     * The capture time of snapshot sources (replaying simulated time, or a scheduler's logical
     * time). Default: the moment the pass finished reading, so no value is stamped earlier than it
     * was seen.
     */
    public IngestJob knownAt(Instant t) {
        this.knownAt = Optional.of(t.truncatedTo(ChronoUnit.MICROS));
        return this;
    }

    /** Called after each source's commit, one call at a time (tests inject a crash here). */
    public IngestJob afterCommit(Consumer<SourceResult> hook) {
        this.afterCommit = Objects.requireNonNull(hook);
        return this;
    }

    /**
     * One source's outcome.
     *
     * @param rows     rows appended (append, snapshot) or merged (upsert); 0 = nothing new, no commit
     * @param position the committed watermark or capture time, or the previous one when nothing was committed
     */
    public record SourceResult(String source, String table, IngestMode mode, long rows, long liveRows, String position,
                               long millis) {}

    public record Result(List<SourceResult> sources) {}

    /**
     * Ingests the selected sources, {@code ingest.parallel-sources} at once. Each source commits on
     * its own; results come back in configuration order. A source whose batch breaks its contract
     * commits nothing and the others go on (all problems in one {@link DataContractException}); any
     * other failure stops the sources not yet started, lets the running ones finish their commit or
     * fail, and is rethrown.
     */
    public Result execute() {
        List<IngestConfig.Source> sources = config.select(only);
        int threads = Math.max(1, Math.min(config.parallelSources(), sources.size()));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<SourceResult>> running = new ArrayList<>();
        try {
            for (IngestConfig.Source source : sources) running.add(pool.submit(() -> ingestAndReport(source)));
            List<SourceResult> done = new ArrayList<>();
            List<String> failedTables = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            RuntimeException fatal = null;
            for (int i = 0; i < running.size(); i++) {
                try {
                    done.add(running.get(i).get());
                } catch (java.util.concurrent.CancellationException e) {
                    // not started after an earlier source's failure
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof DataContractException dce) {
                        failedTables.add(dce.table());
                        String name = sources.get(i).name();
                        dce.problems().forEach(p -> problems.add(dce.table() + " (source " + name + "): " + p));
                    } else if (fatal == null) {
                        fatal = cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
                        running.forEach(f -> f.cancel(false));
                    }
                }
            }
            if (fatal != null) throw fatal;
            if (!problems.isEmpty()) throw new DataContractException(String.join(", ", failedTables), problems);
            return new Result(List.copyOf(done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(f -> f.cancel(false));
            throw new IllegalStateException("ingest interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    private SourceResult ingestAndReport(IngestConfig.Source source) {
        TableContract contract = Contracts.ALL.get(source.target().name().replace('-', '_'));
        try {
            SourceResult r = ingest(source, contract);
            LOG.info("[ingest] {} -> {}: {} {} row(s) of {} read, position {} ({} ms)", source.name(), r.table(),
                    r.rows(), r.mode() == IngestMode.UPSERT ? "merged" : "appended", r.liveRows(), r.position(), r.millis());
            synchronized (this) {
                afterCommit.accept(r);
            }
            return r;
        } catch (DataContractException e) {
            LOG.error("[ingest] {} -> {}: nothing committed, {} problem(s)", source.name(), contract.name(), e.problems().size());
            throw e;
        }
    }

    private SourceResult ingest(IngestConfig.Source source, TableContract contract) {
        long started = System.currentTimeMillis();
        DeltaTarget target = new DeltaTarget(spark, source.target());
        Optional<IngestMarker> last = target.lastMarker(source.name());
        return source.mode() == IngestMode.SNAPSHOT
                ? snapshot(source, contract, target, last, started)
                : incremental(source, contract, target, last, started);
    }

    private SourceResult incremental(IngestConfig.Source source, TableContract contract, DeltaTarget target,
                                     Optional<IngestMarker> last, long started) {
        Optional<Watermark> lower = last.flatMap(IngestMarker::watermark);
        Optional<Watermark> upper = db.max(source.from(), source.watermark().orElseThrow());
        String before = lower.map(Watermark::text).orElse("(start)");
        if (upper.isEmpty()) return new SourceResult(source.name(), contract.name(), source.mode(), 0, 0, before, elapsed(started));
        List<ColumnSpec> columns = LiveQuery.readColumns(source, contract);
        Dataset<Row> batch = read(source, contract, columns, lower, upper).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = count(batch, source);
            if (n == 0) return new SourceResult(source.name(), contract.name(), source.mode(), 0, 0, before, elapsed(started));
            List<String> problems = new ArrayList<>();
            BatchConformance.checkRows(batch, columns, IngestedColumns.identity(source.mode(), contract), problems);
            if (!problems.isEmpty()) throw new DataContractException(contract.name(), problems);
            IngestMarker marker = new IngestMarker(source.name(), source.mode(), upper, Optional.empty());
            if (source.mode() == IngestMode.UPSERT) target.upsert(batch, IngestedColumns.identity(source.mode(), contract), marker);
            else target.append(batch, marker);
            return new SourceResult(source.name(), contract.name(), source.mode(), n, n, upper.get().text(), elapsed(started));
        } finally {
            batch.unpersist();
        }
    }

    private SourceResult snapshot(IngestConfig.Source source, TableContract contract, DeltaTarget target,
                                  Optional<IngestMarker> last, long started) {
        Optional<Instant> lastCapture = last.flatMap(IngestMarker::capture);
        knownAt.ifPresent(t -> requireAfter(t, lastCapture, source));
        List<ColumnSpec> columns = LiveQuery.readColumns(source, contract);
        // Materialised once: the capture time must not precede the read, and a recomputation would
        // read a table that has moved on since.
        Dataset<Row> live = read(source, contract, columns, Optional.empty(), Optional.empty());
        try {
            live = live.localCheckpoint(true);
        } catch (RuntimeException e) {
            throw dbFailure(source, e);
        }
        Instant capture = knownAt.orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MICROS));
        requireAfter(capture, lastCapture, source);
        List<String> problems = new ArrayList<>();
        BatchConformance.checkRows(live, columns, contract.keyColumns(), problems);
        if (!problems.isEmpty()) throw new DataContractException(contract.name(), problems);
        Dataset<Row> changed = ChangeCapture.changed(live, target.exists() ? Optional.of(target.read()) : Optional.empty(), contract)
                .withColumn(contract.knownAtColumn().orElseThrow(), lit(Timestamp.from(capture)))
                .withColumn(contract.tieBreakColumn().orElseThrow(), lit(ChronoUnit.MICROS.between(Instant.EPOCH, capture)))
                .select(contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long liveRows = live.count();
            long n = changed.count();
            String position = n == 0 ? lastCapture.map(Instant::toString).orElse("(none)") : capture.toString();
            if (n > 0) target.append(changed, new IngestMarker(source.name(), source.mode(), Optional.empty(), Optional.of(capture)));
            return new SourceResult(source.name(), contract.name(), source.mode(), n, liveRows, position, elapsed(started));
        } finally {
            changed.unpersist();
        }
    }

    private static void requireAfter(Instant capture, Optional<Instant> lastCapture, IngestConfig.Source source) {
        if (lastCapture.isPresent() && !capture.isAfter(lastCapture.get())) {
            throw new CaptureOrderException("snapshot source '" + source.name() + "': capture time " + capture
                    + " is not after its last capture " + lastCapture.get() + " in " + source.target().describe()
                    + "; captures must move forward in time");
        }
    }

    /** The mapped, type-conformed live rows; type problems are a contract violation of the table. */
    private Dataset<Row> read(IngestConfig.Source source, TableContract contract, List<ColumnSpec> columns,
                              Optional<Watermark> lower, Optional<Watermark> upper) {
        Dataset<Row> raw;
        try {
            raw = spark.read().jdbc(db.url(), LiveQuery.relation(source, contract, lower, upper), LiveQuery.predicates(source),
                    db.properties());
        } catch (RuntimeException e) {
            throw dbFailure(source, e);
        }
        List<String> problems = new ArrayList<>();
        Dataset<Row> conformed = BatchConformance.conform(raw, columns, problems);
        if (!problems.isEmpty()) throw new DataContractException(contract.name(), problems);
        return conformed;
    }

    private long count(Dataset<Row> batch, IngestConfig.Source source) {
        try {
            return batch.count();
        } catch (RuntimeException e) {
            throw dbFailure(source, e);
        }
    }

    private RuntimeException dbFailure(IngestConfig.Source source, RuntimeException e) {
        if (AlphaLeakException.find(e) != null) return e;
        return db.failure("reading source '" + source.name() + "' (" + source.from() + ")", e);
    }

    private static long elapsed(long started) {
        return System.currentTimeMillis() - started;
    }
}
