package com.alphaleak.export.parity;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * An export gate refused the model (ONNX disagrees with LightGBM beyond the tolerance, or the
 * model's feature order is not the dataset's). Nothing was written; the CLI exits with 4.
 */
public final class ExportRefusedException extends AlphaLeakException {
    public ExportRefusedException(String message) {
        super(ExitCodes.GATE_REFUSED, message);
    }
}
