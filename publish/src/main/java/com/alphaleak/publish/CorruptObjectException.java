package com.alphaleak.publish;

/** A stored object does not match its recorded checksum or cannot be parsed; it is never used. */
public class CorruptObjectException extends RuntimeException {
    public CorruptObjectException(String message) {
        super(message);
    }
}
