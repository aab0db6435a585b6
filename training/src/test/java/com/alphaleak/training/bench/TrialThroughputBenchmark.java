package com.alphaleak.training.bench;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.fit.TrainingFrame;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.HyperparameterSearch;
import com.alphaleak.training.search.SparkTaskTrialExecutor;
import com.alphaleak.training.search.SynapseMlTrialExecutor;
import com.alphaleak.training.search.TrialExecutor;
import com.alphaleak.training.search.TrialResult;
import com.alphaleak.training.tpe.Distribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trials per hour of the same search (same seed, so the same parameter sets while the TPE is in
 * its random startup phase) run three ways: task-parallel native trials in local[2], the same in
 * local[1], the local[2] run again binning the rows in every trial (the dataset-reuse lever's
 * baseline), and sequential SynapseML fits (skipped with {@code --no-synapse}) (one at a time, each using every core) in local[2].
 * Prints one line per mode with trials/hour, best and median validation PR-AUC.
 *
 * <pre>bin/benchmark trials [TRAIN_ROWS [TRIALS]] [--no-synapse]</pre>  (default 400,000 train + 25 % validation rows, 68 features, 6 trials)
 */
public final class TrialThroughputBenchmark {
    private TrialThroughputBenchmark() {}

    public static void main(String[] args) {
        List<String> numbers = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int trainRows = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 400_000;
        int trials = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 6;
        int features = 68;
        Random r = new Random(1);
        DenseMatrix train = SyntheticMatrices.matrix(r, trainRows, features, 0.08);
        DenseMatrix validation = SyntheticMatrices.matrix(r, trainRows / 4, features, 0.08);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) names.add("f" + i);
        SplitMatrices data = new SplitMatrices(names, "bench", train, validation, null);
        double spw = data.balancedScalePosWeight();
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("num_leaves", new Distribution.IntRange(15, 127, false));
        space.put("learning_rate", new Distribution.FloatRange(0.03, 0.2, true));
        space.put("min_child_samples", new Distribution.IntRange(5, 200, false));
        space.put("feature_fraction", new Distribution.FloatRange(0.4, 1.0, false));
        System.out.printf("data: %,d train + %,d validation rows x %d features, %d trials per mode (all in TPE's random startup)%n",
                train.rows(), validation.rows(), features, trials);
        System.out.printf("%-34s %10s %12s %10s %10s %10s%n", "mode", "wall s", "trials/hour", "best AP", "median AP", "mean it");
        run("task-parallel native, local[2]", "local[2]", data, space, trials, spw, Mode.NATIVE);
        run("  same, binning every trial", "local[2]", data, space, trials, spw, Mode.NATIVE_REBIN);
        run("task-parallel native, local[1]", "local[1]", data, space, trials, spw, Mode.NATIVE);
        if (!java.util.Arrays.asList(args).contains("--no-synapse")) {
            run("sequential SynapseML, local[2]", "local[2]", data, space, trials, spw, Mode.SYNAPSE);
        }
        System.exit(0); // SynapseML leaves non-daemon threads
    }

    private enum Mode { NATIVE, NATIVE_REBIN, SYNAPSE }

    private static void run(String label, String master, SplitMatrices data, Map<String, Distribution> space, int trials,
                            double spw, Mode mode) {
        SparkSession spark = SparkSession.builder().master(master).appName("trials-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        long t0 = System.nanoTime();
        HyperparameterSearch.Result result;
        try (TrialExecutor ex = mode == Mode.SYNAPSE
                ? new SynapseMlTrialExecutor(frame(spark, data), data.featureNames(), data.validation(), spw, 42, 300,
                        com.alphaleak.training.lightgbm.Patience.fixed(20), 1)
                : new SparkTaskTrialExecutor(spark, data, new BoosterTrial(42, 1, spw, 300, 20, mode == Mode.NATIVE), 0, 1)) {
            result = HyperparameterSearch.over(space).trials(trials).startupTrials(trials).seed(7).executor(ex)
                    .onProgress(p -> System.err.println(p.line())).execute();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] ap = result.trials().stream().filter(TrialResult::complete).mapToDouble(TrialResult::value).sorted().toArray();
        double meanIt = result.trials().stream().mapToInt(TrialResult::iterations).average().orElse(0);
        System.out.printf("%-34s %10.1f %12.0f %10.4f %10.4f %10.0f%n", label, secs, trials * 3600 / secs, ap[ap.length - 1],
                ap[ap.length / 2], meanIt);
        spark.stop();
    }

    private static Dataset<Row> frame(SparkSession spark, SplitMatrices m) {
        List<Row> rows = new ArrayList<>();
        StructType schema = new StructType();
        for (String f : m.featureNames()) schema = schema.add(f, DataTypes.DoubleType);
        schema = schema.add("label", DataTypes.IntegerType).add("split", DataTypes.StringType);
        add(rows, m.train(), "train");
        add(rows, m.validation(), "validation");
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(spark.sparkContext().defaultParallelism());
        return TrainingFrame.of(df, m.featureNames(), "label", "split");
    }

    private static void add(List<Row> rows, DenseMatrix m, String split) {
        for (int i = 0; i < m.rows(); i++) {
            Object[] v = new Object[m.cols() + 2];
            for (int c = 0; c < m.cols(); c++) v[c] = m.get(i, c);
            v[m.cols()] = m.labels()[i];
            v[m.cols() + 1] = split;
            rows.add(RowFactory.create(v));
        }
    }
}
