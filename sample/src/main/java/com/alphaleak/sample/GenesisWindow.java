package com.alphaleak.sample;

/**
 * A token's genesis observation window as the GenesisWatcher recorded it.
 *
 * @param windowEndOffset micros after creation the window closed (60 s, or 30 s when aborted)
 * @param knownAtMicros   absolute instant the features became available
 * @param features        values in {@code Contracts.GENESIS_WINDOW_FEATURES} order; NaN = null
 * @param outcome         PeakTracker measurement from the window end
 * @param insiderShare    observed share of supply bought by creator-linked wallets
 * @param botBuyerShare   observed share of early buyers that are bots
 */
record GenesisWindow(long windowEndOffset, boolean aborted, long knownAtMicros, double[] features,
                     Measurement outcome, double insiderShare, double botBuyerShare) {}
