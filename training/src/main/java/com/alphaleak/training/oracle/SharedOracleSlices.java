package com.alphaleak.training.oracle;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The oracle probabilities of a training set's targets, read once per slice for all of them
 * ({@link OracleSlices}) by the first target that asks, while the others wait. Thread-safe.
 */
public final class SharedOracleSlices {
    private final Supplier<Dataset<Row>> dataset;
    private final Supplier<Dataset<Row>> oracle;
    private final String entityKind;
    private final List<String> targets;
    private final String idColumn;
    private final String timeColumn;
    private final String splitColumn;
    private final Map<String, OracleSlices> bySlice = new HashMap<>();
    private int reads;

    /**
     * @param dataset    the training set's rows (all slices), read when first needed
     * @param oracle     {@code tables.oracle}, read when first needed
     * @param entityKind {@code signal} or {@code token}
     * @param targets    every target that will ask
     */
    public SharedOracleSlices(Supplier<Dataset<Row>> dataset, Supplier<Dataset<Row>> oracle, String entityKind, List<String> targets,
                              String idColumn, String timeColumn, String splitColumn) {
        this.dataset = dataset;
        this.oracle = oracle;
        this.entityKind = entityKind;
        this.targets = List.copyOf(targets);
        this.idColumn = idColumn;
        this.timeColumn = timeColumn;
        this.splitColumn = splitColumn;
    }

    /** {@code target}'s probabilities on {@code slice}, aligned with that slice matrix's {@code labels}. */
    public OracleProbabilities.Slice forTarget(String target, String slice, int[] labels) {
        if (!targets.contains(target)) throw new IllegalArgumentException(target + " is not one of " + targets);
        OracleSlices read;
        synchronized (this) {
            read = bySlice.get(slice);
            if (read == null) {
                read = OracleSlices.read(dataset.get(), oracle.get(), entityKind, targets, idColumn, timeColumn, splitColumn, slice);
                bySlice.put(slice, read);
                reads++;
            }
        }
        return read.forTarget(target, labels);
    }

    /** How many passes over the oracle table were made (one per slice asked for). */
    public synchronized int reads() {
        return reads;
    }
}
