package com.alphaleak.export.lightgbm;

/** The model uses a construct the converter does not support; nothing is converted silently wrong. */
public final class UnsupportedModelException extends IllegalArgumentException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
