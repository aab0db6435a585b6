package com.alphaleak.publish;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * A stored object does not match its recorded checksum, is missing or cannot be parsed; it is never
 * used, and the command that met it exits 5 (store integrity) without changing anything.
 */
public class CorruptObjectException extends AlphaLeakException {
    public CorruptObjectException(String message) {
        super(ExitCodes.STORE_INTEGRITY, message);
    }
}
