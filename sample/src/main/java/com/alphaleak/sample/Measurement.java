package com.alphaleak.sample;

/**
 * A PeakTracker measurement (of a signal, or of a token from its genesis window end): peak
 * multiple per horizon, the processing delay after each horizon's end, and whether tracking
 * failed altogether. Maturity (peak known only once observed by "now") is applied when rows are
 * written.
 *
 * @param startMicros  absolute instant the measurement starts
 * @param priceAtStart price in SOL per million tokens at the start
 * @param peaks        peak multiple per horizon in {@link Horizons} order
 * @param delays       micros between each horizon's end and its observation
 * @param oracle       latent probability per oracle target
 * @param lost         tracking failed: no outcome row at all
 */
record Measurement(long startMicros, double priceAtStart, double[] peaks, long[] delays, double[] oracle, boolean lost) {

    /** Launch price of the curve: 30 virtual SOL over 1,073,000,000 virtual tokens, per million tokens. */
    static final double LAUNCH_PRICE = 30.0 / 1073.0;

    static Measurement measure(PricePath path, TokenLatents token, OracleTargets targets, long createdMicros,
                               long startOffset, Rng r, double lossRate) {
        int from = path.index(startOffset);
        double[] peaks = new double[Horizons.count()];
        long[] delays = new long[Horizons.count()];
        int previousEnd = from;
        double runningMax = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < peaks.length; h++) {
            int end = path.index(startOffset + Horizons.MICROS[h]);
            // Windows are nested: extend the previous maximum instead of rescanning.
            runningMax = Math.max(runningMax, path.maxBetween(previousEnd, end));
            previousEnd = end;
            peaks[h] = Math.exp(runningMax - path.logPriceAt(from));
            delays[h] = 2 * WorldSpec.SECOND + (long) (r.exponential(20) * WorldSpec.SECOND);
        }
        boolean lost = r.chance(lossRate);
        return new Measurement(createdMicros + startOffset, LAUNCH_PRICE * Math.exp(path.logPriceAt(from)), peaks,
                delays, targets.probabilities(token, startOffset), lost);
    }

    /** Instant horizon h is observed; the peak is known (and written) only when this is at or before now. */
    long observedAt(int h) {
        return startMicros + Horizons.MICROS[h] + delays[h];
    }
}
