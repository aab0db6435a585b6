package com.alphaleak.export.parity;

/**
 * An export gate refused the model (ONNX disagrees with LightGBM beyond the tolerance, or the
 * model's feature order is not the dataset's). Nothing was written; the CLI exits with 4.
 */
public final class ExportRefusedException extends RuntimeException {
    public ExportRefusedException(String message) {
        super(message);
    }
}
