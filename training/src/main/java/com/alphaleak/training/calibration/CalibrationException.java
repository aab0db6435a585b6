package com.alphaleak.training.calibration;

/** The calibration slice cannot support a fit (no positives, no negatives, bad margins). */
public final class CalibrationException extends IllegalArgumentException {
    public CalibrationException(String message) {
        super(message);
    }
}
