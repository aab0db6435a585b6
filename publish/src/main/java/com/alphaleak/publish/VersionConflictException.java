package com.alphaleak.publish;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * A model version already exists (complete) with different bytes; versions are immutable, so the
 * publication is refused (exit 5, store integrity): the same model id must mean the same bytes on
 * every host.
 */
public class VersionConflictException extends AlphaLeakException {
    public VersionConflictException(String message) {
        super(ExitCodes.STORE_INTEGRITY, message);
    }
}
