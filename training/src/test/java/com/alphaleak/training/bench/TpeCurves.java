package com.alphaleak.training.bench;

import com.alphaleak.training.tpe.Distribution;
import com.alphaleak.training.tpe.TpeSearch;
import com.alphaleak.training.tpe.Trial;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Best-so-far curves of {@link TpeSearch} (default settings, minimising) on the same test functions
 * as {@code training/src/test/python/optuna_curves.py}, as CSV: {@code impl,function,seed,trial,best}.
 * {@code bin/benchmark tpe} runs both and compares them. Prints to stderr the mean milliseconds per
 * trial (ask + objective + tell; the objectives are trivial, so this is the sampler's cost) over all
 * trials and over the last ten, as {@code timing,impl,function,all_ms,last10_ms}.
 *
 * <pre>java ... TpeCurves SEEDS TRIALS > java.csv</pre>
 */
public final class TpeCurves {
    private TpeCurves() {}

    static final Map<String, Map<String, Distribution>> SPACES = new LinkedHashMap<>();
    static final Map<String, ToDoubleFunction<Trial>> FUNCTIONS = new LinkedHashMap<>();

    static {
        Map<String, Distribution> sphere = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) sphere.put("x" + i, new Distribution.FloatRange(-5, 5, false));
        SPACES.put("sphere4", sphere);
        FUNCTIONS.put("sphere4", t -> {
            double s = 0;
            for (int i = 0; i < 4; i++) s += Math.pow(t.doubleParam("x" + i) - 1.0, 2);
            return s;
        });
        Map<String, Distribution> branin = new LinkedHashMap<>();
        branin.put("x0", new Distribution.FloatRange(-5, 10, false));
        branin.put("x1", new Distribution.FloatRange(0, 15, false));
        SPACES.put("branin", branin);
        FUNCTIONS.put("branin", t -> {
            double x = t.doubleParam("x0"), y = t.doubleParam("x1");
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, tt = 1 / (8 * Math.PI);
            return Math.pow(y - b * x * x + c * x - 6, 2) + 10 * (1 - tt) * Math.cos(x) + 10;
        });
        Map<String, Distribution> mixed = new LinkedHashMap<>();
        mixed.put("learning_rate", new Distribution.FloatRange(1e-3, 1, true));
        mixed.put("num_leaves", new Distribution.IntRange(2, 256, true));
        mixed.put("min_child_samples", new Distribution.IntRange(1, 100, false));
        mixed.put("boosting", new Distribution.Categorical(List.of("gbdt", "dart", "goss")));
        SPACES.put("mixed", mixed);
        FUNCTIONS.put("mixed", t -> {
            double lr = Math.log10(t.doubleParam("learning_rate")) + 1.5;
            double leaves = Math.log(t.doubleParam("num_leaves")) - Math.log(31);
            double mcs = (t.doubleParam("min_child_samples") - 20) / 20.0;
            double cat = "dart".equals(t.params().get("boosting")) ? 0 : 0.5;
            return lr * lr + leaves * leaves + mcs * mcs + cat;
        });
    }

    private static double meanMs(long[] nanos, int from, int to, int seeds) {
        long sum = 0;
        for (int i = from; i < to; i++) sum += nanos[i];
        return sum / 1e6 / ((to - from) * (double) seeds);
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        PrintStream out = System.out;
        out.println("impl,function,seed,trial,best");
        for (String f : SPACES.keySet()) {
            long[] nanos = new long[trials];
            for (int seed = 0; seed < seeds; seed++) {
                TpeSearch s = TpeSearch.builder(SPACES.get(f)).seed(seed).build();
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < trials; i++) {
                    long t0 = System.nanoTime();
                    Trial t = s.ask();
                    double v = FUNCTIONS.get(f).applyAsDouble(t);
                    s.tell(t, v);
                    nanos[i] += System.nanoTime() - t0;
                    best = Math.min(best, v);
                    out.println("alphaleak," + f + "," + seed + "," + (i + 1) + "," + best);
                }
            }
            // the first seeds include JIT warm-up, so this is an upper bound
            System.err.printf("timing,alphaleak,%s,%.3f,%.3f%n", f, meanMs(nanos, 0, trials, seeds),
                    meanMs(nanos, Math.max(0, trials - 10), trials, seeds));
        }
    }
}
