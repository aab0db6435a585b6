package com.alphaleak.training.bench;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.lightgbm.NativeDataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost of one boosting iteration of the pipeline's trials (LightGBM 3.3.5 through JNI, the native
 * build SynapseML ships), on the rows {@code iteration_cost.py --dump DIR} wrote: the same parameter
 * set and variants that script times in LightGBM 4.7, so the two columns differ only by the
 * LightGBM version and the JNI calls (one update and one PR-AUC evaluation per iteration).
 *
 * <pre>java ... IterationCostBenchmark DIR [ITERATIONS]</pre>  (default 60 iterations, 1 thread)
 */
public final class IterationCostBenchmark {
    private static final String BASE = "objective=binary metric=average_precision verbosity=-1 seed=7 num_threads=1"
            + " num_leaves=63 learning_rate=0.05 min_child_samples=50 feature_fraction=0.8 bagging_fraction=0.8"
            + " bagging_freq=1 feature_pre_filter=false";

    private IterationCostBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        DenseMatrix train = read(dir, "train"), valid = read(dir, "valid");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < train.cols(); i++) names.add("f" + i);
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("default", "");
        variants.put("pipeline", " force_row_wise=true deterministic=true");
        variants.put("col-wise", " force_col_wise=true");
        variants.put("row-wise", " force_row_wise=true");
        variants.put("no-metric", "");
        System.out.printf("# lightgbm 3.3.5 (JNI): %d train, %d validation rows x %d features, %d iterations, 1 thread%n",
                train.rows(), valid.rows(), train.cols(), iterations);
        String datasetParams = EarlyStoppingTrainer.DATASET_PARAMS + " num_threads=1 seed=7";
        try (NativeDataset tr = NativeDataset.of(train, names, datasetParams, null);
             NativeDataset va = NativeDataset.of(valid, names, datasetParams, tr)) {
            for (Map.Entry<String, String> v : variants.entrySet()) {
                boolean metric = !v.getKey().equals("no-metric");
                try (NativeBooster b = NativeBooster.create(tr, BASE + v.getValue())) {
                    if (metric) b.addValidation(va);
                    long t0 = System.nanoTime();
                    for (int it = 0; it < iterations; it++) {
                        b.updateOneIteration();
                        if (metric) b.eval(1);
                    }
                    System.out.printf("%-10s %7.1f%n", v.getKey(), (System.nanoTime() - t0) / 1e6 / iterations);
                }
            }
        }
    }

    /** DIR/NAME.X (float64 row-major, little-endian) and DIR/NAME.y (int32): a benchmark input, not a pipeline artifact. */
    private static DenseMatrix read(Path dir, String name) throws IOException {
        ByteBuffer y = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".y"))).order(ByteOrder.LITTLE_ENDIAN);
        int[] labels = new int[y.remaining() / 4];
        y.asIntBuffer().get(labels);
        ByteBuffer x = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".X"))).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[x.remaining() / 8];
        x.asDoubleBuffer().get(values);
        if (values.length % labels.length != 0) {
            throw new IllegalArgumentException(dir.resolve(name + ".X") + ": " + values.length + " values for " + labels.length + " labels");
        }
        return new DenseMatrix(labels.length, values.length / labels.length, values, labels);
    }
}
