package com.alphaleak.features.dataset;

import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.features.split.SplitResult;
import com.alphaleak.labels.LabelResult;
import com.alphaleak.registry.FeatureRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * A built, not yet written, training set.
 *
 * @param data   lazy rows in the output layout described in {@link TrainingSetBuilder}
 * @param labels label cut-off and per-target counts over all rows
 * @param split  split boundaries and row counts per slice
 */
public record TrainingSet(DatasetKind kind, FeatureRegistry registry, List<TargetSpec> targets,
                          Dataset<Row> data, LabelResult labels, SplitResult split) {}
