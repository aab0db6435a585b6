package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.DenseMatrix;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;

import java.util.List;

/**
 * A LightGBM {@code Dataset} handle built from a {@link DenseMatrix} (float64, row-major).
 * A validation dataset must be built with the training dataset as {@code reference} so both
 * share the same feature bins.
 */
public final class NativeDataset implements AutoCloseable {
    static final int DTYPE_FLOAT32 = 0;
    static final int DTYPE_FLOAT64 = 1;

    private final SWIGTYPE_p_void handle;
    private final int rows;

    private NativeDataset(SWIGTYPE_p_void handle, int rows) {
        this.handle = handle;
        this.rows = rows;
    }

    /**
     * @param params    LightGBM dataset parameters (e.g. {@code max_bin=255 min_data_in_bin=3})
     * @param reference training dataset whose bins to reuse, or null for a training dataset
     */
    public static NativeDataset of(DenseMatrix m, List<String> featureNames, String params, NativeDataset reference) {
        Natives.load();
        SWIGTYPE_p_double data = NativeArrays.doubles(m.values());
        SWIGTYPE_p_p_void out = lightgbmlib.voidpp_handle();
        try {
            Natives.check(lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.double_to_voidp_ptr(data), DTYPE_FLOAT64,
                    m.rows(), m.cols(), 1, params, reference == null ? null : reference.handle, out),
                    "LGBM_DatasetCreateFromMat");
        } finally {
            lightgbmlib.delete_doubleArray(data);
        }
        NativeDataset ds = new NativeDataset(lightgbmlib.voidpp_value(out), m.rows());
        lightgbmlib.delete_voidpp(out);
        try {
            SWIGTYPE_p_float labels = NativeArrays.floats(m.floatLabels());
            try {
                Natives.check(lightgbmlib.LGBM_DatasetSetField(ds.handle, "label", lightgbmlib.float_to_voidp_ptr(labels),
                        m.rows(), DTYPE_FLOAT32), "LGBM_DatasetSetField(label)");
            } finally {
                lightgbmlib.delete_floatArray(labels);
            }
            if (featureNames != null && !featureNames.isEmpty()) {
                Natives.check(lightgbmlib.LGBM_DatasetSetFeatureNames(ds.handle, featureNames.toArray(new String[0]),
                        featureNames.size()), "LGBM_DatasetSetFeatureNames");
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return ds;
    }

    SWIGTYPE_p_void handle() {
        return handle;
    }

    public int rows() {
        return rows;
    }

    @Override
    public void close() {
        lightgbmlib.LGBM_DatasetFree(handle);
    }
}
