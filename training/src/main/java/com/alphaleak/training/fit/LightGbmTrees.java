package com.alphaleak.training.fit;

/**
 * The trees of a LightGBM text model without what does not change predictions: the header's
 * provenance, the feature importances and the {@code parameters:} section (which names settings
 * such as the number of machines or the data-transfer mode). Two models with equal trees predict
 * identically.
 */
public final class LightGbmTrees {
    private LightGbmTrees() {}

    /** From the first {@code Tree=} line through {@code end of trees}. */
    public static String of(String modelText) {
        int from = modelText.indexOf("Tree=");
        int to = modelText.indexOf("end of trees");
        if (from < 0 || to < from) throw new IllegalArgumentException("not a LightGBM text model with trees");
        return modelText.substring(from, to);
    }
}
