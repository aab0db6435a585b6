package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.DenseMatrix;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_unsigned_char;
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
    private final boolean softTargets;

    private NativeDataset(SWIGTYPE_p_void handle, int rows, boolean softTargets) {
        this.handle = handle;
        this.rows = rows;
        this.softTargets = softTargets;
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
        NativeDataset ds = new NativeDataset(lightgbmlib.voidpp_value(out), m.rows(), m.softTargets());
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

    /**
     * The dataset's bin boundaries (LightGBM's serialized reference: feature bin mappers, no rows),
     * as SynapseML's {@code referenceDataset} takes them. A SynapseML fit given these bins instead
     * of sampling its own bins every row exactly as this dataset does.
     */
    public byte[] serializedReference() {
        SWIGTYPE_p_p_void buffer = lightgbmlib.voidpp_handle();
        SWIGTYPE_p_int length = lightgbmlib.new_intp();
        try {
            Natives.check(lightgbmlib.LGBM_DatasetSerializeReferenceToBinary(handle, buffer, length),
                    "LGBM_DatasetSerializeReferenceToBinary");
            SWIGTYPE_p_void bytes = lightgbmlib.voidpp_value(buffer);
            int n = lightgbmlib.intp_value(length);
            byte[] out = new byte[n];
            SWIGTYPE_p_unsigned_char b = lightgbmlib.new_bytep();
            try {
                for (int i = 0; i < n; i++) {
                    Natives.check(lightgbmlib.LGBM_ByteBufferGetAt(bytes, i, b), "LGBM_ByteBufferGetAt");
                    out[i] = (byte) lightgbmlib.bytep_value(b);
                }
            } finally {
                lightgbmlib.delete_bytep(b);
                Natives.check(lightgbmlib.LGBM_ByteBufferFree(bytes), "LGBM_ByteBufferFree");
            }
            return out;
        } finally {
            lightgbmlib.delete_intp(length);
            lightgbmlib.delete_voidpp(buffer);
        }
    }

    SWIGTYPE_p_void handle() {
        return handle;
    }

    public int rows() {
        return rows;
    }

    /** Whether its label field holds soft targets ({@link DenseMatrix#targets}) rather than 0/1 labels. */
    public boolean softTargets() {
        return softTargets;
    }

    @Override
    public void close() {
        lightgbmlib.LGBM_DatasetFree(handle);
    }
}
