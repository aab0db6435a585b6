package com.alphaleak.training.calibration;

/**
 * One bin of a reliability table.
 *
 * @param lower        smallest predicted probability in the bin's range (inclusive)
 * @param upper        upper end of the range (exclusive, except the last bin which includes 1)
 * @param count        rows in the bin
 * @param meanPredicted mean predicted probability of those rows
 * @param observedRate  share of positives among them
 * @param wilsonLow    lower end of the 95 % Wilson interval of the observed rate
 * @param wilsonHigh   upper end of that interval
 */
public record ReliabilityBin(double lower, double upper, long count, double meanPredicted, double observedRate,
                             double wilsonLow, double wilsonHigh) {}
