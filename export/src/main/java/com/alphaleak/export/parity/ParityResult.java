package com.alphaleak.export.parity;

/**
 * ONNX Runtime against LightGBM native on the same rows.
 *
 * @param rows             rows scored (data rows + edge rows)
 * @param edgeRows         of which generated edge rows
 * @param differingRows    rows where margin, probability or calibrated probability differs from LightGBM
 *                         beyond its tolerance (see {@link NativeParityGate})
 * @param marginTolerance  largest accepted |margin difference| (0 = bit for bit)
 */
public record ParityResult(int rows, int edgeRows, double maxAbsMarginDiff, double maxAbsProbabilityDiff,
                           double maxAbsCalibratedDiff, int differingRows, double marginTolerance, String reference,
                           String onnxRuntimeVersion) {
    public boolean passed() {
        return differingRows == 0;
    }

    public String summary() {
        return String.format("%d rows (%d edge rows): max |margin diff| %.3g, max |probability diff| %.3g, "
                        + "max |calibrated diff| %.3g, %d rows beyond tolerance (margin tolerance %.3g)", rows, edgeRows, maxAbsMarginDiff,
                maxAbsProbabilityDiff, maxAbsCalibratedDiff, differingRows, marginTolerance);
    }
}
