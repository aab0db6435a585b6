package com.alphaleak.training.lightgbm;

import com.microsoft.azure.synapse.ml.lightgbm.LightGBMUtils;
import com.microsoft.ml.lightgbm.lightgbmlib;

/**
 * Loads LightGBM's native library once per JVM (driver or executor), removes the copies SynapseML
 * extracted to load it ({@link ExtractedNatives}), and turns C API return codes into exceptions.
 * The removal runs on every call, not only the first: each SynapseML fit in the JVM (the
 * synapseml-replay final model, data-parallel trials) extracts and loads one more copy.
 */
final class Natives {
    private static volatile boolean loaded;

    private Natives() {}

    static void load() {
        if (!loaded) {
            synchronized (Natives.class) {
                if (!loaded) {
                    LightGBMUtils.initializeNativeLibrary();
                    loaded = true;
                }
            }
        }
        ExtractedNatives.deleteLoaded();
    }

    static void check(int code, String call) {
        if (code != 0) {
            throw new LightGbmException(call + " failed: " + lightgbmlib.LGBM_GetLastError());
        }
    }
}
