package com.alphaleak.training.search;

import com.alphaleak.training.data.DenseMatrix;
import com.alphaleak.training.fit.ModelEvaluation;
import com.alphaleak.training.fit.SynapseMlFit;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data-parallel trials for training sets too large for one executor: each trial is a distributed
 * SynapseML fit over the cached training frame, scored on the validation slice. Run at most a
 * few at once (default 2): every fit's stage wants all task slots, and two fits that each hold
 * half of them while waiting for the rest would stall.
 */
public final class SynapseMlTrialExecutor implements TrialExecutor {
    private final Dataset<Row> frame;
    private final DenseMatrix validation;
    private final java.util.List<String> featureNames;
    private final double scalePosWeight;
    private final long seed;
    private final int maxIterations;
    private final com.alphaleak.training.lightgbm.Patience patience;
    private final int slots;

    public SynapseMlTrialExecutor(Dataset<Row> frame, java.util.List<String> featureNames, DenseMatrix validation, double scalePosWeight, long seed,
                                  int maxIterations, com.alphaleak.training.lightgbm.Patience patience, int slots) {
        this.frame = frame.cache();
        this.validation = validation;
        this.featureNames = featureNames;
        this.scalePosWeight = scalePosWeight;
        this.seed = seed;
        this.maxIterations = maxIterations;
        this.patience = patience;
        this.slots = slots > 0 ? slots : 2;
    }

    @Override
    public TrialResult run(TrialSpec spec) {
        long t0 = System.nanoTime();
        frame.sparkSession().sparkContext().setJobGroup("alphaleak-trial-" + spec.number(), "trial " + spec.number(), true);
        SynapseMlFit.Fitted f = SynapseMlFit.fit(frame, featureNames, spec.params(), scalePosWeight, seed, maxIterations,
                patience.forParams(spec.params()));
        ModelEvaluation e = ModelEvaluation.of(f.modelText(), validation);
        return new TrialResult(spec.number(), spec.params(), TrialResult.Status.COMPLETE, e.prAuc(), f.bestIteration(),
                f.numTrees(), (System.nanoTime() - t0) / 1_000_000, "synapseml/" + Thread.currentThread().getName(),
                spec.attempt(), null, EarlyStoppingTrainer.sha256(f.modelText()));
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public String mode() {
        return "data-parallel";
    }

    @Override
    public void close() {
        frame.unpersist();
    }
}
