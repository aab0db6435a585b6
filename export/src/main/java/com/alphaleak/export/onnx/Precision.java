package com.alphaleak.export.onnx;

/** Element type of the ONNX model's input and outputs. */
public enum Precision {
    /** Double input and outputs; the margin equals LightGBM's own double prediction bit for bit. */
    FLOAT64,
    /**
     * Float input and outputs for hosts that feed float tensors. The input is widened to double in
     * the graph before the trees, so every float value takes exactly the branch LightGBM takes for
     * that value (no rounded threshold can send an input the other way); outputs are rounded to
     * float at the end.
     */
    FLOAT32;

    /** The precision the configuration chose ({@code alphaleak.export.precision}). */
    public static Precision of(com.alphaleak.config.ExportPrecision configured) {
        return switch (configured) {
            case FLOAT64 -> FLOAT64;
            case FLOAT32 -> FLOAT32;
        };
    }
}
