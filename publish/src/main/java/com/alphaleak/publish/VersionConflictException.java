package com.alphaleak.publish;

/** A model version already exists (complete) with different bytes; versions are immutable. */
public class VersionConflictException extends RuntimeException {
    public VersionConflictException(String message) {
        super(message);
    }
}
