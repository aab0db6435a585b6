package com.alphaleak.training.bench;

import com.alphaleak.training.tpe.Distribution;
import com.alphaleak.training.tpe.TpeSearch;
import com.alphaleak.training.tpe.Trial;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@link TpeSearch} (defaults, minimising) on the functions of
 * {@code training/src/test/python/optuna_tpe_bench.py}, sequentially and in batches (ask a whole
 * batch, then tell it), as CSV {@code impl,function,batch,seed,trial,value}: every trial's objective
 * in tell order. {@code bin/benchmark tpe} runs both and {@code tpe_table.py} compares them. A batch
 * {@code aP} is asynchronous instead: P trials run at once and trial k is asked once trials
 * 0..k-P are told (the order {@code HyperparameterSearch} keeps with P task slots).
 *
 * <pre>java ... TpeBenchmark SEEDS TRIALS BATCH[,BATCH...] [IMPL] > java.csv   (BATCH: 1, 8, a8, ...)</pre>
 *
 * IMPL {@code alphaleak} (default) is the defaults; a name containing {@code -independent} turns
 * multivariate off, {@code -noliar} turns constant liar off.
 */
public final class TpeBenchmark {
    private TpeBenchmark() {}

    static final int DIMS = 5;
    static final Map<String, Map<String, Distribution>> SPACES = new LinkedHashMap<>();
    static final Map<String, ToDoubleFunction<Trial>> FUNCTIONS = new LinkedHashMap<>();

    private static Map<String, Distribution> box(double low, double high) {
        Map<String, Distribution> s = new LinkedHashMap<>();
        for (int i = 0; i < DIMS; i++) s.put("x" + i, new Distribution.FloatRange(low, high, false));
        return s;
    }

    private static double[] xs(Trial t) {
        double[] x = new double[DIMS];
        for (int i = 0; i < DIMS; i++) x[i] = t.doubleParam("x" + i);
        return x;
    }

    static {
        SPACES.put("sphere", box(-5.12, 5.12));
        FUNCTIONS.put("sphere", t -> {
            double s = 0;
            for (double v : xs(t)) s += v * v;
            return s;
        });
        SPACES.put("rosenbrock", box(-5, 10));
        FUNCTIONS.put("rosenbrock", t -> {
            double[] x = xs(t);
            double s = 0;
            for (int i = 0; i < DIMS - 1; i++) s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
            return s;
        });
        SPACES.put("ackley", box(-32.768, 32.768));
        FUNCTIONS.put("ackley", t -> {
            double[] x = xs(t);
            double sq = 0, cos = 0;
            for (double v : x) {
                sq += v * v;
                cos += Math.cos(2 * Math.PI * v);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(sq / DIMS)) - Math.exp(cos / DIMS) + 20 + Math.E;
        });
        Map<String, Distribution> lgbm = new LinkedHashMap<>();
        lgbm.put("learning_rate", new Distribution.FloatRange(1e-3, 0.3, true));
        lgbm.put("num_leaves", new Distribution.IntRange(8, 512, true));
        lgbm.put("min_child_samples", new Distribution.IntRange(5, 200, false));
        lgbm.put("feature_fraction", new Distribution.FloatRange(0.4, 1.0, false));
        lgbm.put("bagging_fraction", new Distribution.FloatRange(0.4, 1.0, false));
        lgbm.put("lambda_l2", new Distribution.FloatRange(1e-3, 10, true));
        SPACES.put("lgbm", lgbm);
        FUNCTIONS.put("lgbm", TpeBenchmark::lgbm);
    }

    /**
     * A smooth stand-in for a validation loss over a LightGBM space, with the interaction that
     * matters in practice (the best learning rate falls as trees get larger); minimum 0.
     */
    static double lgbm(Trial t) {
        double leaves = Math.log(t.doubleParam("num_leaves")) / Math.log(2) - 6;
        double lr = Math.log10(t.doubleParam("learning_rate")) + 1.3 + 0.25 * leaves;
        double mcs = (t.doubleParam("min_child_samples") - 40) / 60.0;
        double ff = (t.doubleParam("feature_fraction") - 0.7) / 0.3;
        double bf = (t.doubleParam("bagging_fraction") - 0.8) / 0.3;
        double l2 = Math.log10(t.doubleParam("lambda_l2"));
        return lr * lr + 0.25 * leaves * leaves + mcs * mcs + 0.5 * ff * ff + 0.5 * bf * bf + 0.1 * l2 * l2;
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<String> batches = List.of((args.length > 2 ? args[2] : "1,8,32").split(","));
        String impl = args.length > 3 ? args[3] : "alphaleak";
        boolean multivariate = !impl.contains("-independent");
        boolean liar = !impl.contains("-noliar");
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false);
        out.println("impl,function,batch,seed,trial,value");
        long t0 = System.nanoTime();
        for (String f : SPACES.keySet()) {
            for (String mode : batches) {
                boolean async = mode.startsWith("a");
                int batch = Integer.parseInt(async ? mode.substring(1) : mode);
                for (int seed = 0; seed < seeds; seed++) {
                    TpeSearch s = TpeSearch.builder(SPACES.get(f)).seed(seed).multivariate(multivariate)
                            .constantLiar(liar).build();
                    int told = 0;
                    if (async) {
                        // HyperparameterSearch's order: trial k is asked once trials 0..k-p are told
                        java.util.ArrayDeque<Trial> running = new java.util.ArrayDeque<>();
                        int asked = 0;
                        while (told < trials) {
                            while (running.size() < batch && asked < trials) {
                                running.add(s.ask());
                                asked++;
                            }
                            Trial t = running.poll();
                            double v = FUNCTIONS.get(f).applyAsDouble(t);
                            s.tell(t, v);
                            out.println(impl + "," + f + "," + mode + "," + seed + "," + (++told) + "," + v);
                        }
                    }
                    while (told < trials) {
                        List<Trial> asked = new ArrayList<>();
                        for (int i = 0; i < Math.min(batch, trials - told); i++) asked.add(s.ask());
                        for (Trial t : asked) {
                            double v = FUNCTIONS.get(f).applyAsDouble(t);
                            s.tell(t, v);
                            out.println(impl + "," + f + "," + mode + "," + seed + "," + (++told) + "," + v);
                        }
                    }
                }
            }
        }
        out.flush();
        System.err.printf("[benchmark] %s: %.1f s%n", impl, (System.nanoTime() - t0) / 1e9);
    }
}
