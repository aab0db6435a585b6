package com.alphaleak.config;

/**
 * Element type of an exported ONNX model's input ({@code alphaleak.export.precision}). The export
 * module maps it to its own {@code Precision}; this enum only names the choice.
 */
public enum ExportPrecision implements ConfigEnum {
    /** Double input, margins bit for bit equal to LightGBM's. */
    FLOAT64("float64"),
    /** Float input for hosts that only have floats. */
    FLOAT32("float32");

    private final String configName;

    ExportPrecision(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
