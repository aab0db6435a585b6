package com.alphaleak.training.lightgbm;

/** A LightGBM native call failed; the message carries LightGBM's own last error. */
public final class LightGbmException extends RuntimeException {
    public LightGbmException(String message) {
        super(message);
    }
}
