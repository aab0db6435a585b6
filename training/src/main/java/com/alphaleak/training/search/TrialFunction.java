package com.alphaleak.training.search;

import com.alphaleak.training.lightgbm.TrainingRun;

import java.io.Serializable;

/** Trains one trial on the search's data. Serializable: it is shipped to Spark executors. */
@FunctionalInterface
public interface TrialFunction extends Serializable {
    TrainingRun train(TrialData data, TrialSpec spec);
}
