package com.alphaleak.training.calibration;

/**
 * Result of {@link PlattCalibrator#fit}.
 *
 * @param objective  final value of the smoothed-target negative log-likelihood (weighted)
 * @param converged  gradient below tolerance; false when the iteration or line-search limit ended the fit
 */
public record PlattFit(PlattParameters parameters, int iterations, boolean converged, double objective,
                       double positives, double negatives) {}
