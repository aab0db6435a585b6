package com.alphaleak.training.calibration;

import java.util.List;

/**
 * Calibration quality of predicted probabilities against 0/1 outcomes.
 *
 * @param ece         expected calibration error over {@code fixedBins} equal-width bins
 * @param eceEqualMass expected calibration error over equal-mass bins
 * @param mce         largest |mean predicted - observed rate| over the non-empty fixed bins
 * @param fixedBins   the reliability table of the equal-width bins
 */
public record CalibrationReport(long rows, double brier, double logLoss, double ece, double eceEqualMass, double mce,
                                List<ReliabilityBin> fixedBins, List<ReliabilityBin> equalMassBins) {}
