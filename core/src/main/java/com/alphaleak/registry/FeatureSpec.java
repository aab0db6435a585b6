package com.alphaleak.registry;

import java.util.Optional;

/**
 * One feature of a registry version.
 *
 * @param index        0-based position in the model input; the ONNX input and the sidecar's
 *                     {@code feature_names} follow it
 * @param name         column name in the training set and in {@code feature_names}
 * @param category     group the feature belongs to (for people and reports)
 * @param sourceTable  contract name of the table the value comes from, or {@code derived}
 * @param sourceColumn column in the source table (equal to {@code name} for every direct feature)
 * @param derivation   for derived features, how they are computed from earlier features
 * @param missing      what the feature holds when its value does not exist
 * @param description  meaning and unit
 */
public record FeatureSpec(int index, String name, String category, String sourceTable, String sourceColumn,
                          Optional<Ratio> derivation, MissingPolicy missing, String description) {
    public static final String DERIVED = "derived";

    public boolean isDerived() {
        return derivation.isPresent();
    }
}
