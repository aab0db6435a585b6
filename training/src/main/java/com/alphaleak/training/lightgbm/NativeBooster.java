package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.DenseMatrix;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;

/**
 * A LightGBM booster through the native C API (lightgbmlib): training one iteration at a time,
 * evaluation, raw-score prediction and the text model. Used both for search trials (inside Spark
 * tasks) and as the reference scorer of the ONNX parity gate. Not thread-safe; one per thread.
 */
public final class NativeBooster implements AutoCloseable {
    private static final int PREDICT_NORMAL = 0;
    private static final int PREDICT_RAW_SCORE = 1;
    private static final int FEATURE_IMPORTANCE_GAIN = 1;
    private static final long MODEL_STRING_BUFFER = 1 << 20;

    private final SWIGTYPE_p_void handle;

    private NativeBooster(SWIGTYPE_p_void handle) {
        this.handle = handle;
    }

    /** A new booster training on {@code train} with a LightGBM parameter string. */
    public static NativeBooster create(NativeDataset train, String params) {
        Natives.load();
        SWIGTYPE_p_p_void out = lightgbmlib.voidpp_handle();
        Natives.check(lightgbmlib.LGBM_BoosterCreate(train.handle(), params, out), "LGBM_BoosterCreate");
        NativeBooster b = new NativeBooster(lightgbmlib.voidpp_value(out));
        lightgbmlib.delete_voidpp(out);
        return b;
    }

    /** Loads a LightGBM text model (as written by LightGBM, SynapseML or {@link #modelString}). */
    public static NativeBooster fromModelString(String model) {
        Natives.load();
        SWIGTYPE_p_p_void out = lightgbmlib.voidpp_handle();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        try {
            Natives.check(lightgbmlib.LGBM_BoosterLoadModelFromString(model, iterations, out), "LGBM_BoosterLoadModelFromString");
            return new NativeBooster(lightgbmlib.voidpp_value(out));
        } finally {
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_voidpp(out);
        }
    }

    /** Registers a validation set (index 1 in {@link #eval}); build it with the training set as reference. */
    public void addValidation(NativeDataset validation) {
        Natives.check(lightgbmlib.LGBM_BoosterAddValidData(handle, validation.handle()), "LGBM_BoosterAddValidData");
    }

    /** @return true when LightGBM cannot split any more (further iterations add nothing) */
    public boolean updateOneIteration() {
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        try {
            Natives.check(lightgbmlib.LGBM_BoosterUpdateOneIter(handle, finished), "LGBM_BoosterUpdateOneIter");
            return lightgbmlib.intp_value(finished) == 1;
        } finally {
            lightgbmlib.delete_intp(finished);
        }
    }

    /** Metric values on data set {@code index} (0 = training, 1 = first validation), in metric order. */
    public double[] eval(int index) {
        SWIGTYPE_p_int count = lightgbmlib.new_intp();
        try {
            Natives.check(lightgbmlib.LGBM_BoosterGetEvalCounts(handle, count), "LGBM_BoosterGetEvalCounts");
            int n = lightgbmlib.intp_value(count);
            SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(Math.max(1, n));
            try {
                Natives.check(lightgbmlib.LGBM_BoosterGetEval(handle, index, count, out), "LGBM_BoosterGetEval");
                return NativeArrays.read(out, n);
            } finally {
                lightgbmlib.delete_doubleArray(out);
            }
        } finally {
            lightgbmlib.delete_intp(count);
        }
    }

    public int currentIteration() {
        SWIGTYPE_p_int out = lightgbmlib.new_intp();
        try {
            Natives.check(lightgbmlib.LGBM_BoosterGetCurrentIteration(handle, out), "LGBM_BoosterGetCurrentIteration");
            return lightgbmlib.intp_value(out);
        } finally {
            lightgbmlib.delete_intp(out);
        }
    }

    /**
     * Raw scores (margins, log-odds for a binary model) of row-major float64 rows.
     *
     * @param iterations first iterations to use; {@code <= 0} means all
     * @param threads    OpenMP threads for prediction; 1 gives a fixed summation order
     */
    public double[] predictMargins(double[] rowMajor, int rows, int cols, int iterations, int threads) {
        return predict(rowMajor, rows, cols, PREDICT_RAW_SCORE, iterations, threads);
    }

    /**
     * LightGBM's own probabilities ({@code predict} without {@code raw_score}) of row-major float64
     * rows: the objective's transform of the raw score, e.g. for {@code boosting=rf} the sigmoid of
     * the trees' average while the raw score is their sum. The export gate compares ONNX against it.
     */
    public double[] predictProbabilities(double[] rowMajor, int rows, int cols, int iterations, int threads) {
        return predict(rowMajor, rows, cols, PREDICT_NORMAL, iterations, threads);
    }

    private double[] predict(double[] rowMajor, int rows, int cols, int predictType, int iterations, int threads) {
        SWIGTYPE_p_double data = NativeArrays.doubles(rowMajor);
        SWIGTYPE_p_long_long outLen = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(Math.max(1, rows));
        try {
            Natives.check(lightgbmlib.LGBM_BoosterPredictForMat(handle, lightgbmlib.double_to_voidp_ptr(data),
                    NativeDataset.DTYPE_FLOAT64, rows, cols, 1, predictType, 0, iterations <= 0 ? -1 : iterations,
                    "num_threads=" + threads, outLen, out), "LGBM_BoosterPredictForMat");
            long n = lightgbmlib.int64_tp_value(outLen);
            if (n != rows) throw new LightGbmException("LightGBM returned " + n + " predictions for " + rows + " rows");
            return NativeArrays.read(out, rows);
        } finally {
            lightgbmlib.delete_doubleArray(data);
            lightgbmlib.delete_doubleArray(out);
            lightgbmlib.delete_int64_tp(outLen);
        }
    }

    public double[] predictMargins(DenseMatrix m, int iterations, int threads) {
        return predictMargins(m.values(), m.rows(), m.cols(), iterations, threads);
    }

    /** Total gain of each feature's splits over the first {@code iterations} (all when {@code <= 0}). */
    public double[] gainImportance(int features, int iterations) {
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(features);
        try {
            Natives.check(lightgbmlib.LGBM_BoosterFeatureImportance(handle, iterations <= 0 ? -1 : iterations,
                    FEATURE_IMPORTANCE_GAIN, out), "LGBM_BoosterFeatureImportance");
            return NativeArrays.read(out, features);
        } finally {
            lightgbmlib.delete_doubleArray(out);
        }
    }

    /** LightGBM's text model of the first {@code iterations} iterations (all when {@code <= 0}). */
    public String modelString(int iterations) {
        SWIGTYPE_p_long_long outLen = lightgbmlib.new_int64_tp();
        try {
            String s = lightgbmlib.LGBM_BoosterSaveModelToStringSWIG(handle, 0, iterations <= 0 ? -1 : iterations, 0,
                    MODEL_STRING_BUFFER, outLen);
            if (s == null) throw new LightGbmException("LGBM_BoosterSaveModelToString failed: " + lightgbmlib.LGBM_GetLastError());
            return s;
        } finally {
            lightgbmlib.delete_int64_tp(outLen);
        }
    }

    @Override
    public void close() {
        lightgbmlib.LGBM_BoosterFree(handle);
    }
}
