package com.alphaleak.training.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.lightgbmlib;

/** Copies between Java arrays and native buffers; callers free what they allocate. */
final class NativeArrays {
    private NativeArrays() {}

    static SWIGTYPE_p_double doubles(double[] v) {
        SWIGTYPE_p_double p = lightgbmlib.new_doubleArray(v.length);
        for (int i = 0; i < v.length; i++) lightgbmlib.doubleArray_setitem(p, i, v[i]);
        return p;
    }

    static SWIGTYPE_p_float floats(float[] v) {
        SWIGTYPE_p_float p = lightgbmlib.new_floatArray(v.length);
        for (int i = 0; i < v.length; i++) lightgbmlib.floatArray_setitem(p, i, v[i]);
        return p;
    }

    static double[] read(SWIGTYPE_p_double p, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lightgbmlib.doubleArray_getitem(p, i);
        return out;
    }
}
