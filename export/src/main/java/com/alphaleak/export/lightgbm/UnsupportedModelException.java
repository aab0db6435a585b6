package com.alphaleak.export.lightgbm;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/** The model uses a construct the converter does not support; nothing is converted silently wrong (bad input, exit 3). */
public final class UnsupportedModelException extends AlphaLeakException {
    public UnsupportedModelException(String message) {
        super(ExitCodes.BAD_INPUT, message);
    }
}
