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
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator search with an ask/tell interface, behaving like Optuna's
 * {@code TPESampler} with its defaults: {@value #DEFAULT_STARTUP_TRIALS} random trials first,
 * {@value #DEFAULT_EI_CANDIDATES} candidates per suggestion, gamma(n) = min(ceil(0.1 n), 25) best
 * trials in the "below" group, Optuna's default weights (older trials ramp down once there are
 * more than 25), prior weight 1, magic clip, no endpoint kernels, univariate estimators per
 * parameter, and the acquisition argmax of log l(x) - log g(x).
 *
 * <p>Constant liar (on by default): a trial asked but not told counts as the worst trial, so a
 * batch of suggestions asked before any result comes back spreads out instead of repeating the
 * same optimum. Failed trials are ignored by the model. The search is seeded: the same seed and
 * the same sequence of calls give the same suggestions. All methods are thread-safe.
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

    private final Map<String, Distribution> space;
    private final Map<String, InternalSpace> internal = new LinkedHashMap<>();
    private final Direction direction;
    private final int startupTrials;
    private final int eiCandidates;
    private final boolean constantLiar;
    private final boolean multivariate;
    private final SplittableRandom rnd;
    private final List<Trial> trials = new ArrayList<>();
    private final Deque<Map<String, Object>> queue = new ArrayDeque<>();

    private TpeSearch(Builder b) {
        this.space = new LinkedHashMap<>(b.space);
        space.forEach((k, v) -> internal.put(k, InternalSpace.of(v)));
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

    /** Options; defaults as Optuna's, except constant liar which is on. */
    public static final class Builder {
        private final Map<String, Distribution> space;
        private Direction direction = Direction.MINIMIZE;
        private long seed;
        private int startupTrials = DEFAULT_STARTUP_TRIALS;
        private int eiCandidates = DEFAULT_EI_CANDIDATES;
        private boolean constantLiar = true;
        private boolean multivariate = false;

        private Builder(Map<String, Distribution> space) {
            if (space.isEmpty()) throw new IllegalArgumentException("empty search space");
            this.space = space;
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
            this.startupTrials = n;
            return this;
        }

        public Builder eiCandidates(int n) {
            this.eiCandidates = n;
            return this;
        }

        public Builder constantLiar(boolean on) {
            this.constantLiar = on;
            return this;
        }

        /**
         * Optuna's {@code multivariate=True}: one joint Parzen estimator over all parameters
         * (a kernel per trial, bandwidth by Scott's rule 0.2 n^(-1/(d+4)) of each range), so
         * interactions between parameters are modelled. Off by default, as in Optuna.
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
        if (!params.keySet().equals(space.keySet())) {
            throw new IllegalArgumentException("enqueued parameters " + params.keySet() + " do not match the space " + space.keySet());
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

    /** Records a finished trial's objective value (NaN counts as a failure). */
    public synchronized void tell(Trial trial, double value) {
        if (Double.isNaN(value)) {
            fail(trial);
            return;
        }
        replace(trial, new Trial(trial.number(), trial.params(), Trial.State.COMPLETE, OptionalDouble.of(value)));
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
        Comparator<Trial> byValue = Comparator.comparingDouble(t -> t.value().getAsDouble());
        if (direction == Direction.MAXIMIZE) byValue = byValue.reversed();
        return trials.stream().filter(t -> t.state() == Trial.State.COMPLETE).min(byValue.thenComparingInt(Trial::number));
    }

    private void replace(Trial trial, Trial done) {
        Trial current = trials.get(trial.number());
        if (current.state() != Trial.State.RUNNING) throw new IllegalStateException("trial " + trial.number() + " is already " + current.state());
        trials.set(trial.number(), done);
    }

    private Map<String, Object> suggest() {
        List<Trial> complete = trials.stream().filter(t -> t.state() == Trial.State.COMPLETE).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (complete.size() < startupTrials) {
            internal.forEach((name, s) -> out.put(name, s.toValue(s.uniform(rnd))));
            return out;
        }
        List<Trial> running = constantLiar ? trials.stream().filter(t -> t.state() == Trial.State.RUNNING).toList() : List.of();
        Comparator<Trial> best = Comparator.comparingDouble(t -> t.value().getAsDouble());
        if (direction == Direction.MAXIMIZE) best = best.reversed();
        List<Trial> ranked = complete.stream().sorted(best.thenComparingInt(Trial::number)).toList();
        int nBelow = Math.min(gamma(complete.size() + running.size()), ranked.size());
        List<Trial> below = sortedByNumber(ranked.subList(0, nBelow));
        List<Trial> above = new ArrayList<>(ranked.subList(nBelow, ranked.size()));
        above.addAll(running); // constant liar: unfinished trials count as the worst
        above = sortedByNumber(above);
        if (multivariate) return suggestJointly(below, above);
        for (Map.Entry<String, InternalSpace> e : internal.entrySet()) {
            InternalSpace s = e.getValue();
            ParzenEstimator l = new ParzenEstimator(s, observations(below, e.getKey(), s), weights(below.size()));
            ParzenEstimator g = new ParzenEstimator(s, observations(above, e.getKey(), s), weights(above.size()));
            double[] candidates = l.sample(rnd, eiCandidates);
            double bestX = candidates[0];
            double bestScore = Double.NEGATIVE_INFINITY;
            for (double x : candidates) {
                double score = l.logPdf(x) - g.logPdf(x);
                if (score > bestScore) {
                    bestScore = score;
                    bestX = x;
                }
            }
            out.put(e.getKey(), s.toValue(bestX));
        }
        return out;
    }

    private Map<String, Object> suggestJointly(List<Trial> below, List<Trial> above) {
        int d = internal.size();
        List<String> names = new ArrayList<>(internal.keySet());
        ParzenEstimator[] l = new ParzenEstimator[d];
        ParzenEstimator[] g = new ParzenEstimator[d];
        for (int p = 0; p < d; p++) {
            InternalSpace s = internal.get(names.get(p));
            l[p] = new ParzenEstimator(s, observations(below, names.get(p), s), weights(below.size()),
                    0.2 * Math.pow(Math.max(1, below.size()), -1.0 / (d + 4)));
            g[p] = new ParzenEstimator(s, observations(above, names.get(p), s), weights(above.size()),
                    0.2 * Math.pow(Math.max(1, above.size()), -1.0 / (d + 4)));
        }
        double[] bestX = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < eiCandidates; c++) {
            int k = l[0].pickComponent(rnd);
            double[] x = new double[d];
            for (int p = 0; p < d; p++) x[p] = l[p].sampleComponent(rnd, k);
            double score = jointLogPdf(l, x) - jointLogPdf(g, x);
            if (bestX == null || score > bestScore) {
                bestScore = score;
                bestX = x;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int p = 0; p < d; p++) out.put(names.get(p), internal.get(names.get(p)).toValue(bestX[p]));
        return out;
    }

    /** log sum_k w_k prod_p pdf_p,k(x_p): the components share their index across parameters. */
    private static double jointLogPdf(ParzenEstimator[] est, double[] x) {
        double[] w = est[0].weights();
        double[] terms = new double[w.length];
        for (int k = 0; k < w.length; k++) terms[k] = Math.log(w[k]);
        for (int p = 0; p < est.length; p++) {
            double[] c = est[p].componentLogPdfs(x[p]);
            for (int k = 0; k < w.length; k++) terms[k] += c[k];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) max = Math.max(max, t);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum);
    }

    private static List<Trial> sortedByNumber(List<Trial> ts) {
        return ts.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
    }

    private static double[] observations(List<Trial> ts, String name, InternalSpace s) {
        return ts.stream().mapToDouble(t -> s.toInternal(t.params().get(name))).toArray();
    }
}
