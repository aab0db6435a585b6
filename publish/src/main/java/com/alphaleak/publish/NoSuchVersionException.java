package com.alphaleak.publish;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * The operator asked for a target or version the store does not hold complete (a rollback to an
 * unknown version, to the previous one when there is none, or of a target without a pointer).
 * A usage error (exit 2): nothing was changed.
 */
public class NoSuchVersionException extends AlphaLeakException {
    public NoSuchVersionException(String message) {
        super(ExitCodes.USAGE, message);
    }
}
