package com.alphaleak.training.search;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.lightgbm.DatasetCache;
import com.alphaleak.training.lightgbm.TrainingRun;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.net.InetAddress;
import java.util.List;

/**
 * Task-parallel trials: the matrices are broadcast once, and each trial is a Spark job of exactly
 * one task that trains a single-node booster on an executor. Several driver threads submit trials
 * at once, so up to {@link #slots()} trials run in parallel across the cluster. One-task jobs never
 * wait for all slots, so concurrent trials cannot deadlock each other.
 *
 * <p>Each executor bins the broadcast rows once ({@link DatasetCache}, keyed by the search's
 * {@link TrialData#key()}); later trials there only boost. On close the broadcast is destroyed and
 * the driver JVM's cache entry (local mode) freed; executors free theirs when newer searches'
 * datasets push them out.
 *
 * <p>Set {@code spark.task.cpus} to the threads per trial on a cluster so a trial's OpenMP threads
 * get their own cores.
 */
public final class SparkTaskTrialExecutor implements TrialExecutor {
    private final JavaSparkContext jsc;
    private final Broadcast<TrialData> data;
    private final String dataKey;
    private final TrialFunction function;
    private final int slots;

    /** @param slots trials at once; {@code <= 0} means the default parallelism / threads per trial */
    public SparkTaskTrialExecutor(SparkSession spark, SplitMatrices data, TrialFunction function, int slots, int threadsPerTrial) {
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrialData trialData = TrialData.of(data);
        this.dataKey = trialData.key();
        this.data = jsc.broadcast(trialData);
        this.function = function;
        this.slots = slots > 0 ? slots : Math.max(1, jsc.defaultParallelism() / Math.max(1, threadsPerTrial));
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        jsc.setJobGroup("alphaleak-trial-" + spec.number(), "trial " + spec.number() + " attempt " + spec.attempt(), true);
        List<TrialResult> out = jsc.parallelize(List.of(spec), 1).map(new Body(data, function)).collect();
        return out.get(0);
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public String mode() {
        return "task-parallel";
    }

    @Override
    public void close() {
        DatasetCache.invalidate(dataKey);
        data.destroy();
    }

    private record Body(Broadcast<TrialData> data, TrialFunction function) implements Function<TrialSpec, TrialResult> {
        @Override
        public TrialResult call(TrialSpec spec) throws Exception {
            long t0 = System.nanoTime();
            TrainingRun r = function.train(data.value(), spec);
            return TrialResults.complete(spec, r, (System.nanoTime() - t0) / 1_000_000, worker());
        }

        private static String worker() {
            TaskContext tc = TaskContext.get();
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "unknown-host";
            }
            String executor = org.apache.spark.SparkEnv.get() == null ? "?" : org.apache.spark.SparkEnv.get().executorId();
            return "executor " + executor + "@" + host + (tc == null ? "" : " task " + tc.taskAttemptId());
        }
    }
}
