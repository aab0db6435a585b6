package com.alphaleak.training.tpe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator search with an ask/tell interface, behaving like Optuna 5.0's
 * {@code TPESampler} with its defaults: {@value #DEFAULT_STARTUP_TRIALS} random trials first
 * (counted over finished trials), {@value #DEFAULT_EI_CANDIDATES} candidates per suggestion,
 * multivariate (one joint Parzen estimator over all parameters, per-dimension neighbour-distance
 * bandwidths; see {@link ParzenEstimator}), constant liar, gamma(n) = min(ceil(0.1 n), 25) over the
 * n finished (complete or pruned) trials, Optuna's default weights (older trials ramp down once
 * there are more than 25), prior weight 1, magic clip, no endpoint kernels, and the acquisition
 * argmax of log l(x) - log g(x) over candidates drawn from l.
 *
 * <p>Constant liar: a trial asked but not told is added to the "above" group (the bad side), so a
 * batch of suggestions asked before any result comes back spreads out instead of repeating the
 * same optimum. Running trials do not count towards gamma. Pruned trials rank after all complete
 * ones, deeper rungs first, then by their last intermediate value. Failed trials are ignored by
 * the model. The search is seeded: the same seed and the same sequence of calls give the same
 * suggestions (not Optuna's: the random streams differ). All methods are thread-safe.
 *
 * <pre>{@code
 * TpeSearch search = TpeSearch.builder(space).direction(Direction.MAXIMIZE).seed(42).build();
 * Trial t = search.ask();
 * search.tell(t, validationPrAuc(t.params()));
 * }</pre>
 */
public final class TpeSearch {
    public enum Direction { MINIMIZE, MAXIMIZE }

    public static final int DEFAULT_STARTUP_TRIALS = 10;
    public static final int DEFAULT_EI_CANDIDATES = 24;

    private final List<String> names;
    private final List<InternalSpace> spaces = new ArrayList<>();
    private final Direction direction;
    private final int startupTrials;
    private final int eiCandidates;
    private final boolean constantLiar;
    private final boolean multivariate;
    private final SplittableRandom rnd;
    private final List<Trial> trials = new ArrayList<>();
    private final Deque<Map<String, Object>> queue = new ArrayDeque<>();

    private TpeSearch(Builder b) {
        this.names = List.copyOf(b.space.keySet());
        b.space.values().forEach(d -> spaces.add(InternalSpace.of(d)));
        this.direction = b.direction;
        this.startupTrials = b.startupTrials;
        this.eiCandidates = b.eiCandidates;
        this.constantLiar = b.constantLiar;
        this.multivariate = b.multivariate;
        this.rnd = new SplittableRandom(b.seed);
    }

    public static Builder builder(Map<String, Distribution> space) {
        return new Builder(space);
    }

    /** Options; the defaults are Optuna 5.0's. */
    public static final class Builder {
        private final Map<String, Distribution> space;
        private Direction direction = Direction.MINIMIZE;
        private long seed;
        private int startupTrials = DEFAULT_STARTUP_TRIALS;
        private int eiCandidates = DEFAULT_EI_CANDIDATES;
        private boolean constantLiar = true;
        private boolean multivariate = true;

        private Builder(Map<String, Distribution> space) {
            if (space.isEmpty()) throw new IllegalArgumentException("empty search space");
            this.space = new LinkedHashMap<>(space);
        }

        public Builder direction(Direction d) {
            this.direction = Objects.requireNonNull(d);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder startupTrials(int n) {
            if (n < 0) throw new IllegalArgumentException("startup trials must be >= 0, got " + n);
            this.startupTrials = n;
            return this;
        }

        public Builder eiCandidates(int n) {
            if (n < 1) throw new IllegalArgumentException("EI candidates must be >= 1, got " + n);
            this.eiCandidates = n;
            return this;
        }

        /** Running trials count as bad ones (Optuna's {@code constant_liar}); on by default, as in Optuna 5. */
        public Builder constantLiar(boolean on) {
            this.constantLiar = on;
            return this;
        }

        /**
         * Optuna's {@code multivariate}: one joint estimator over all parameters, so interactions
         * are modelled; on by default, as in Optuna 5 for a single objective. Off: one estimator per
         * parameter (independent TPE).
         */
        public Builder multivariate(boolean on) {
            this.multivariate = on;
            return this;
        }

        public TpeSearch build() {
            return new TpeSearch(this);
        }
    }

    /** Optuna's default gamma: the number of best trials forming the "below" density. */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** Optuna's default weights for n observations, oldest first. */
    public static double[] weights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        for (int i = ramp; i < n; i++) w[i] = 1.0;
        return w;
    }

    /** The next ask returns exactly these parameters (warm start from an earlier search's best). */
    public synchronized void enqueue(Map<String, Object> params) {
        if (!params.keySet().equals(new java.util.HashSet<>(names))) {
            throw new IllegalArgumentException("enqueued parameters " + params.keySet() + " do not match the space " + names);
        }
        queue.add(new LinkedHashMap<>(params));
    }

    /** A new running trial with suggested parameters. */
    public synchronized Trial ask() {
        Map<String, Object> params = queue.isEmpty() ? suggest() : queue.poll();
        Trial t = new Trial(trials.size(), params, Trial.State.RUNNING, OptionalDouble.empty());
        trials.add(t);
        return t;
    }

    /** Records a finished trial's objective value (NaN counts as a failure, as in Optuna). */
    public synchronized void tell(Trial trial, double value) {
        if (Double.isNaN(value)) {
            fail(trial);
            return;
        }
        replace(trial, new Trial(trial.number(), trial.params(), Trial.State.COMPLETE, OptionalDouble.of(value)));
    }

    /**
     * Records a trial stopped early by a pruner at {@code step} with its last intermediate value
     * there (NaN ranks it last among trials pruned at that step). It counts as finished.
     */
    public synchronized void prune(Trial trial, int step, double lastValue) {
        replace(trial, new Trial(trial.number(), trial.params(), Trial.State.PRUNED, OptionalDouble.of(lastValue), OptionalInt.of(step)));
    }

    /** Records a trial pruned before it reported any intermediate value; it ranks after every other pruned trial. */
    public synchronized void prune(Trial trial) {
        replace(trial, new Trial(trial.number(), trial.params(), Trial.State.PRUNED, OptionalDouble.empty()));
    }

    /** Records a failed or lost trial; it no longer influences suggestions. */
    public synchronized void fail(Trial trial) {
        replace(trial, new Trial(trial.number(), trial.params(), Trial.State.FAILED, OptionalDouble.empty()));
    }

    public synchronized List<Trial> trials() {
        return List.copyOf(trials);
    }

    /** The best completed trial; ties go to the earlier trial. */
    public synchronized Optional<Trial> best() {
        return trials.stream().filter(t -> t.state() == Trial.State.COMPLETE).min(bestFirst());
    }

    private Comparator<Trial> bestFirst() {
        Comparator<Trial> byValue = Comparator.comparingDouble(t -> t.value().getAsDouble());
        if (direction == Direction.MAXIMIZE) byValue = byValue.reversed();
        return byValue.thenComparingInt(Trial::number);
    }

    private void replace(Trial trial, Trial done) {
        Trial current = trials.get(trial.number());
        if (current.state() != Trial.State.RUNNING) throw new IllegalStateException("trial " + trial.number() + " is already " + current.state());
        trials.set(trial.number(), done);
    }

    /** The below / above groups of Optuna's {@code _split_trials}, each in trial-number order. */
    record Split(List<Trial> below, List<Trial> above) {}

    synchronized Split split() {
        List<Trial> complete = trials.stream().filter(t -> t.state() == Trial.State.COMPLETE).sorted(bestFirst()).toList();
        List<Trial> pruned = trials.stream().filter(t -> t.state() == Trial.State.PRUNED).sorted(prunedBestFirst()).toList();
        int nBelow = gamma(complete.size() + pruned.size());
        int fromComplete = Math.min(nBelow, complete.size());
        int fromPruned = Math.min(nBelow - fromComplete, pruned.size());
        List<Trial> below = new ArrayList<>(complete.subList(0, fromComplete));
        below.addAll(pruned.subList(0, fromPruned));
        List<Trial> above = new ArrayList<>(complete.subList(fromComplete, complete.size()));
        above.addAll(pruned.subList(fromPruned, pruned.size()));
        if (constantLiar) trials.stream().filter(t -> t.state() == Trial.State.RUNNING).forEach(above::add);
        return new Split(byNumber(below), byNumber(above));
    }

    /** Optuna's pruned-trial score: deeper last step first, then the better last value (NaN last); no values at all last. */
    private Comparator<Trial> prunedBestFirst() {
        double sign = direction == Direction.MAXIMIZE ? -1 : 1;
        Comparator<Trial> c = Comparator.comparingDouble(t -> t.step().isPresent() ? -t.step().getAsInt() : 1);
        c = c.thenComparingDouble(t -> {
            if (t.step().isEmpty()) return 0.0;
            double v = t.value().orElse(Double.NaN);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : sign * v;
        });
        return c.thenComparingInt(Trial::number);
    }

    private Map<String, Object> suggest() {
        Map<String, Object> out = new LinkedHashMap<>();
        long finished = trials.stream().filter(Trial::isFinished).count();
        if (finished < startupTrials) {
            for (int p = 0; p < names.size(); p++) out.put(names.get(p), spaces.get(p).toValue(spaces.get(p).uniform(rnd)));
            return out;
        }
        Split split = split();
        if (multivariate) {
            double[] x = bestCandidate(spaces, allParams(), split);
            for (int p = 0; p < names.size(); p++) out.put(names.get(p), spaces.get(p).toValue(x[p]));
        } else {
            for (int p = 0; p < names.size(); p++) {
                double[] x = bestCandidate(List.of(spaces.get(p)), new int[] {p}, split);
                out.put(names.get(p), spaces.get(p).toValue(x[0]));
            }
        }
        return out;
    }

    private int[] allParams() {
        int[] all = new int[names.size()];
        for (int p = 0; p < all.length; p++) all[p] = p;
        return all;
    }

    /** Draws candidates from l over the given parameters and returns the first with the largest log l - log g. */
    private double[] bestCandidate(List<InternalSpace> s, int[] params, Split split) {
        ParzenEstimator below = new ParzenEstimator(s, observations(split.below(), params), weights(split.below().size()));
        ParzenEstimator above = new ParzenEstimator(s, observations(split.above(), params), weights(split.above().size()));
        double[][] candidates = below.sample(rnd, eiCandidates);
        double[] best = candidates[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double[] x : candidates) {
            double score = below.logPdf(x) - above.logPdf(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private double[][] observations(List<Trial> ts, int[] params) {
        double[][] out = new double[ts.size()][params.length];
        for (int i = 0; i < ts.size(); i++) {
            for (int j = 0; j < params.length; j++) {
                int p = params[j];
                out[i][j] = spaces.get(p).toInternal(ts.get(i).params().get(names.get(p)));
            }
        }
        return out;
    }

    private static List<Trial> byNumber(List<Trial> ts) {
        return ts.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
    }
}
