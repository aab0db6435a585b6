package com.alphaleak.training.bench;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.prune.RungPlanner;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.HyperparameterSearch;
import com.alphaleak.training.search.SparkTaskTrialExecutor;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.tpe.Distribution;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The pruning lever on its own: one search (same data, space, seed, trial budget, 2 trials at once
 * in local[2], max 1000 iterations, early stopping 50 as the default config) run without a pruner,
 * with successive halving and with Hyperband (min resource 10, reduction factor 3). Prints wall
 * time, trials/hour, boosting iterations over all trials, trials pruned and the best PR-AUC.
 *
 * <pre>java ... PruningBenchmark [TRAIN_ROWS [TRIALS [SEED]]]</pre>  (default 50,000 train + 25 % validation rows, 68 features, 24 trials, TPE seed 7)
 */
public final class PruningBenchmark {
    private PruningBenchmark() {}

    public static void main(String[] args) {
        int trainRows = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        int features = 68, maxIterations = 1000, patience = 50;
        Random r = new Random(1);
        DenseMatrix train = SyntheticMatrices.matrix(r, trainRows, features, 0.08);
        DenseMatrix validation = SyntheticMatrices.matrix(r, trainRows / 4, features, 0.08);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) names.add("f" + i);
        SplitMatrices data = new SplitMatrices(names, "bench", train, validation, null);
        // The default config's space (conf/application.conf).
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("num_leaves", new Distribution.IntRange(15, 255, false));
        space.put("learning_rate", new Distribution.FloatRange(0.005, 0.2, true));
        space.put("min_child_samples", new Distribution.IntRange(5, 200, false));
        space.put("feature_fraction", new Distribution.FloatRange(0.4, 1.0, false));
        space.put("bagging_fraction", new Distribution.FloatRange(0.4, 1.0, false));
        space.put("lambda_l1", new Distribution.FloatRange(1e-8, 10.0, true));
        space.put("lambda_l2", new Distribution.FloatRange(1e-8, 10.0, true));
        System.out.printf("data: %,d train + %,d validation rows x %d features, %d trials, 2 at once, max %d it, patience %d, search seed %d%n",
                train.rows(), validation.rows(), features, trials, maxIterations, patience, seed);
        System.out.printf("%-22s %8s %12s %12s %8s %10s %10s%n", "pruner", "wall s", "trials/hour", "iterations", "pruned",
                "best AP", "best trial");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("pruning-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Map<String, RungPlanner> pruners = new LinkedHashMap<>();
        pruners.put("none", RungPlanner.none());
        pruners.put("successive-halving", RungPlanner.successiveHalving(10, 3, 0));
        pruners.put("hyperband", RungPlanner.hyperband("bench", 10, maxIterations, 3));
        for (var e : pruners.entrySet()) {
            long t0 = System.nanoTime();
            HyperparameterSearch.Result result;
            try (SparkTaskTrialExecutor ex = new SparkTaskTrialExecutor(spark, data,
                    new BoosterTrial(42, 1, data.balancedScalePosWeight(), maxIterations, patience), 2, 1)) {
                result = HyperparameterSearch.over(space).trials(trials).parallelism(2).seed(seed).label(e.getKey())
                        .pruner(e.getValue(), maxIterations).executor(ex).onProgress(p -> System.err.println(p.line())).execute();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            TrialResult best = result.best().orElseThrow();
            System.out.printf("%-22s %8.1f %12.0f %12d %8d %10.4f %10d%n", e.getKey(), secs, trials * 3600 / secs,
                    result.iterations(), result.pruned(), best.value(), best.number());
        }
        spark.stop();
    }
}
