package com.alphaleak.features.split;

/** The slices of a chronological split, oldest first; {@link #label()} is the value in the split column. */
public enum SplitSide {
    TRAIN("train"),
    VALIDATION("validation"),
    CALIBRATION("calibration");

    private final String label;

    SplitSide(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
