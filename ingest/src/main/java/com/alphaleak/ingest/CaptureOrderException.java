package com.alphaleak.ingest;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * A change-snapshot capture time not after the target's last capture ({@code --known-at} replaying
 * the past): its rows would tie with or precede captured ones, so the point-in-time order of the
 * table would no longer be the order things were seen. Exit 2: nothing was read or written.
 */
public final class CaptureOrderException extends AlphaLeakException {
    public CaptureOrderException(String message) {
        super(ExitCodes.USAGE, message);
    }
}
