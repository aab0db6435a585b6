package com.alphaleak.training.search;

import com.alphaleak.training.prune.RungPlan;
import com.alphaleak.training.prune.RungPlanner;
import com.alphaleak.training.tpe.Distribution;
import com.alphaleak.training.tpe.TpeSearch;
import com.alphaleak.training.tpe.Trial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Maximises validation PR-AUC over a LightGBM search space with TPE, running up to
 * {@code parallelism} trials at once on a {@link TrialExecutor}.
 *
 * <p>Reproducible with parallelism: trial {@code k} is asked only once trials {@code 0..k-p} are
 * finished, and results are told to the sampler in trial order, so every suggestion sees the same
 * history (finished trials in order, the {@code p-1} before it as constant-liar "running") whatever
 * order trials finish in. The price is that a slow trial can hold back up to {@code p-1} slots.
 *
 * <p>A trial attempt that throws (a task error, a lost executor) is retried up to {@code retries}
 * times, then recorded as failed; the search goes on. Warm-start parameters, when given, are the
 * first trial.
 *
 * <p>With a {@link RungPlanner}, trial {@code k} is given a {@link RungPlan} computed from the
 * validation curves of exactly the trials told before it ({@code 0..k-p}), so pruning is as
 * reproducible as the suggestions. Unlike Optuna's asynchronous pruners, a trial is not compared
 * with the reports of trials running beside it. Pruned trials are told to the TPE as pruned and are
 * never the best.
 *
 * <pre>{@code
 * Result r = HyperparameterSearch.over(space).trials(40).parallelism(2).seed(42)
 *     .executor(new SparkTaskTrialExecutor(spark, data, trial, 0, 1)).execute();
 * }</pre>
 */
public final class HyperparameterSearch {
    private static final Logger LOG = LoggerFactory.getLogger(HyperparameterSearch.class);

    private final Map<String, Distribution> space;
    private int trials = 40;
    private int parallelism = 0;
    private long seed = 42;
    private int startupTrials = TpeSearch.DEFAULT_STARTUP_TRIALS;
    private int retries = 1;
    private boolean multivariate = true;
    private TrialExecutor executor;
    private Map<String, Object> warmStart;
    private String label = "search";
    private RungPlanner planner = RungPlanner.none();
    private int maxIterations = Integer.MAX_VALUE;
    private Consumer<SearchProgress> listener = p -> LOG.info(p.line());

    private HyperparameterSearch(Map<String, Distribution> space) {
        this.space = new LinkedHashMap<>(space);
    }

    public static HyperparameterSearch over(Map<String, Distribution> space) {
        return new HyperparameterSearch(space);
    }

    public HyperparameterSearch trials(int n) {
        if (n < 1) throw new IllegalArgumentException("trials must be >= 1, got " + n);
        this.trials = n;
        return this;
    }

    /** Trials at once; {@code <= 0} means the executor's slots. */
    public HyperparameterSearch parallelism(int p) {
        this.parallelism = p;
        return this;
    }

    public HyperparameterSearch seed(long s) {
        this.seed = s;
        return this;
    }

    public HyperparameterSearch startupTrials(int n) {
        this.startupTrials = n;
        return this;
    }

    /** Optuna's multivariate TPE (joint estimator); default on, as in Optuna 5. */
    public HyperparameterSearch multivariate(boolean on) {
        this.multivariate = on;
        return this;
    }

    /** Extra attempts of a trial whose execution throws (default 1). */
    public HyperparameterSearch retries(int n) {
        this.retries = n;
        return this;
    }

    /**
     * Prunes trials at rungs planned by {@code p}; {@code maxIterations} is the trials' iteration
     * cap (no rung at or above it). Default: no pruning.
     */
    public HyperparameterSearch pruner(RungPlanner p, int maxIterations) {
        this.planner = Objects.requireNonNull(p);
        this.maxIterations = maxIterations;
        return this;
    }

    public HyperparameterSearch executor(TrialExecutor e) {
        this.executor = e;
        return this;
    }

    /** Parameters to try first (the previous search's best); ignored when empty. */
    public HyperparameterSearch warmStart(Optional<Map<String, Object>> params) {
        this.warmStart = params.orElse(null);
        return this;
    }

    /** Prefix of progress lines, e.g. the target. */
    public HyperparameterSearch label(String l) {
        this.label = l;
        return this;
    }

    public HyperparameterSearch onProgress(Consumer<SearchProgress> l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    /**
     * @param trials every trial in trial order
     * @param best   the complete trial with the highest PR-AUC, earliest on ties; empty when all failed
     */
    public record Result(List<TrialResult> trials, Optional<TrialResult> best, int parallelism, String mode,
                         Duration elapsed) {
        public long failed() {
            return trials.stream().filter(TrialResult::failed).count();
        }

        public long pruned() {
            return trials.stream().filter(TrialResult::pruned).count();
        }

        /** The {@code n} best complete trials, best first (earlier trial on ties; fewer when fewer completed). */
        public List<TrialResult> bestFirst(int n) {
            return TrialResults.bestFirst(trials, n);
        }

        /** Boosting iterations over all trials (what pruning saves). */
        public long iterations() {
            return trials.stream().mapToLong(TrialResult::iterations).sum();
        }
    }

    public Result execute() {
        Objects.requireNonNull(executor, "executor");
        int p = Math.max(1, Math.min(trials, parallelism > 0 ? parallelism : executor.slots()));
        TpeSearch tpe = TpeSearch.builder(space).direction(TpeSearch.Direction.MAXIMIZE).seed(seed)
                .startupTrials(startupTrials).constantLiar(true).multivariate(multivariate).build();
        if (warmStart != null) tpe.enqueue(warmStart);
        LOG.info("{}: {} trials, {} at once, mode {}{}", label, trials, p, executor.mode(),
                warmStart != null ? ", warm start " + warmStart : "");
        long start = System.nanoTime();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(p, r -> {
            Thread t = new Thread(r, "trial-runner-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
        RetryingTrialRunner runner = new RetryingTrialRunner(executor, retries, label);
        Map<Integer, Trial> asked = new HashMap<>();
        Map<Integer, TrialResult> results = new HashMap<>();
        int next = 0;
        int told = 0;
        int failed = 0;
        int pruned = 0;
        TrialResult best = null;
        SortedMap<Integer, double[]> curves = new TreeMap<>();
        try {
            while (results.size() < trials) {
                // Trial k is asked once trials 0..k-p are finished, and exactly those are told before
                // it: its suggestion sees the same history whatever order trials finish in.
                while (next < trials && (next - p < 0 || finishedUpTo(results, next - p))) {
                    for (; told <= next - p; told++) {
                        TrialResult x = results.get(told);
                        switch (x.status()) {
                            case COMPLETE -> tpe.tell(asked.get(told), x.value());
                            case PRUNED -> tpe.prune(asked.get(told), x.prunedAtStep(), x.value());
                            case FAILED -> tpe.fail(asked.get(told));
                        }
                        if (!x.failed()) curves.put(told, x.curve());
                    }
                    Trial t = tpe.ask();
                    asked.put(t.number(), t);
                    RungPlan plan = planner.plan(t.number(), curves, maxIterations);
                    TrialSpec spec = new TrialSpec(t.number(), t.params(), 1, plan);
                    done.submit(() -> runner.run(spec));
                    next++;
                }
                TrialResult r = done.take().get();
                results.put(r.number(), r);
                if (r.complete()) {
                    if (best == null || r.value() > best.value() || (r.value() == best.value() && r.number() < best.number())) best = r;
                } else if (r.pruned()) {
                    pruned++;
                } else {
                    failed++;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                int finished = results.size();
                listener.accept(new SearchProgress(label, r, finished, trials, pruned, failed, Optional.ofNullable(best), elapsed,
                        elapsed.multipliedBy(trials - finished).dividedBy(finished)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": search interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(label + ": trial runner failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<TrialResult> ordered = new ArrayList<>();
        for (int i = 0; i < trials; i++) ordered.add(results.get(i));
        Optional<TrialResult> bestTrial = TrialResults.best(ordered);
        return new Result(List.copyOf(ordered), bestTrial, p, executor.mode(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean finishedUpTo(Map<Integer, TrialResult> results, int last) {
        for (int i = 0; i <= last; i++) if (!results.containsKey(i)) return false;
        return true;
    }
}
