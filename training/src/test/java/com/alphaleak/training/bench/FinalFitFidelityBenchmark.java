package com.alphaleak.training.bench;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.TrainingRun;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialSpec;
import com.microsoft.azure.synapse.ml.lightgbm.LightGBMClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import com.alphaleak.training.fit.LightGbmTrees;
import com.alphaleak.training.fit.MatrixFrame;
import com.alphaleak.training.fit.ModelEvaluation;
import com.alphaleak.training.fit.SynapseMlFit;
import com.alphaleak.training.fit.TrainingFrame;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

import static org.apache.spark.sql.functions.lit;

/**
 * Which settings make a SynapseML fit reproduce a native trial's trees: the replay
 * ({@link SynapseMlFit#replay}) and variants that each drop one of its settings, plus the old final
 * fit (SynapseML's own early stopping, bins and row order). Prints per variant: trees, whether they
 * equal the trial's, validation PR-AUC and its difference to the trial's.
 *
 * <pre>bin/benchmark fidelity [TRAIN_ROWS]</pre>  (default 100,000 train + 25 % validation rows, 20 features)
 */
public final class FinalFitFidelityBenchmark {
    private FinalFitFidelityBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fidelity-bench").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            System.out.print(measure(spark, n));
        } finally {
            spark.stop();
        }
    }

    private static String measure(SparkSession spark, int n) {
        SplitMatrices data = SyntheticMatrices.of(5, n, n / 4, 20, 0.05);
        BoosterTrial trial = new BoosterTrial(42, 1, data.balancedScalePosWeight(), 400, 30);
        Map<String, Object> params = Map.of("num_leaves", 31, "learning_rate", 0.05, "min_child_samples", 40,
                "feature_fraction", 0.7, "bagging_fraction", 0.8, "lambda_l2", 0.5);
        String p = trial.params(new TrialSpec(0, params, 1));
        TrainingRun run = EarlyStoppingTrainer.train(data, p, 400, 30, true);
        String ref = LightGbmTrees.of(run.modelText());
        double trialAp = ModelEvaluation.of(run.modelText(), data.validation()).prAuc();
        StringBuilder out = new StringBuilder("rows " + n + " trial best it " + run.bestIteration() + " PR-AUC " + trialAp + "\n");
        byte[] bins = EarlyStoppingTrainer.trainingBins(data, p);
        DenseMatrix train = data.train();
        try (MatrixFrame f = MatrixFrame.of(spark, train);
             MatrixFrame v = MatrixFrame.of(spark, data.validation())) {
            Dataset<Row> rows = f.frame().cache();
            rows.count();
            report(out, "replay (all fixes)", SynapseMlFit.replay(rows, data.featureNames(), p, bins, run.bestIteration()), ref, data, trialAp);
            report(out, "no reference bins (SynapseML samples bins, feature_pre_filter)",
                    fit(rows, data, p, null, run.bestIteration(), 1, true), ref, data, trialAp);
            report(out, "bins, rows reversed", fit(rows.orderBy(org.apache.spark.sql.functions.monotonically_increasing_id().desc()).coalesce(1),
                    data, p, bins, run.bestIteration(), 1, true), ref, data, trialAp);
            report(out, "bins, 2 threads", fit(rows, data, p.replace("num_threads=1", "num_threads=2"), bins, run.bestIteration(), 2, true),
                    ref, data, trialAp);
            report(out, "bins, typed setters only (no force_row_wise etc)", fit(rows, data, p, bins, run.bestIteration(), 1, false),
                    ref, data, trialAp);
            report(out, "bins, 2 tasks (data parallel)", fitTasks(rows.repartition(2), data, p, bins, run.bestIteration(), 2), ref, data, trialAp);
            Dataset<Row> both = rows.withColumn(TrainingFrame.IS_VALIDATION, lit(false))
                    .unionByName(v.frame().withColumn(TrainingFrame.IS_VALIDATION, lit(true))).repartition(2);
            report(out, "old path (early stopping in SynapseML, own bins, 1 task)",
                    SynapseMlFit.fit(both, data.featureNames(), params, data.balancedScalePosWeight(), 42, 400, 30, 1), ref, data, trialAp);
        }
        return out.toString();
    }

    private static void report(StringBuilder out, String name, SynapseMlFit.Fitted f, String ref, SplitMatrices d, double trialAp) {
        double ap = ModelEvaluation.of(f.modelText(), d.validation()).prAuc();
        out.append(String.format("%-70s trees %4d  same trees %-5s PR-AUC %.5f  diff %+.5f%n", name, f.numTrees(),
                LightGbmTrees.of(f.modelText()).equals(ref), ap, ap - trialAp));
    }

    private static SynapseMlFit.Fitted fit(Dataset<Row> rows, SplitMatrices d, String p, byte[] bins, int it, int threads, boolean passAll) {
        LightGBMClassifier c = base(d, p, it, threads);
        c.setNumTasks(1);
        if (bins != null) c.setReferenceDataset(bins);
        if (passAll) c.setPassThroughArgs(p);
        else c.setPassThroughArgs("scale_pos_weight=" + d.balancedScalePosWeight());
        var m = c.fit(rows);
        return new SynapseMlFit.Fitted(m.getNativeModel(), it, m.getBoosterNumTotalModel(), 0);
    }

    private static SynapseMlFit.Fitted fitTasks(Dataset<Row> rows, SplitMatrices d, String p, byte[] bins, int it, int tasks) {
        LightGBMClassifier c = base(d, p, it, 1);
        c.setNumTasks(tasks);
        c.setReferenceDataset(bins);
        c.setPassThroughArgs(p);
        var m = c.fit(rows);
        return new SynapseMlFit.Fitted(m.getNativeModel(), it, m.getBoosterNumTotalModel(), 0);
    }

    private static LightGBMClassifier base(SplitMatrices d, String p, int it, int threads) {
        LightGBMClassifier c = new LightGBMClassifier();
        c.setObjective("binary");
        c.setFeaturesCol(TrainingFrame.FEATURES);
        c.setLabelCol(TrainingFrame.LABEL);
        c.setNumIterations(it);
        c.setDeterministic(true);
        c.setSeed(42);
        c.setNumThreads(threads);
        c.setVerbosity(-1);
        c.setSlotNames(d.featureNames().toArray(new String[0]));
        c.setNumLeaves(31);
        c.setLearningRate(0.05);
        c.setMinDataInLeaf(40);
        c.setFeatureFraction(0.7);
        c.setBaggingFraction(0.8);
        c.setBaggingFreq(1);
        c.setLambdaL2(0.5);
        return c;
    }
}
