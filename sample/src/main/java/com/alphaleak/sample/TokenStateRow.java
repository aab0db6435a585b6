package com.alphaleak.sample;

/** One token_state write; {@code sequence} orders writes of the token (greater = later write). */
record TokenStateRow(long knownAtMicros, int sequence, int lifecycle, double curveProgress, double virtualSol,
                     double virtualTokens, double realSol, int holders, double top10Share, double bundleConfidence,
                     double devShare, double buys60, double sells60, double netSolFlow300, double uniqueBuyers300) {

    static final int CREATED = 0;
    static final int EARLY = 1;
    static final int TRENDING = 2;
    static final int NEAR_GRADUATION = 3;
    static final int GRADUATED = 4;
    static final int FADING = 5;
    static final int DEAD = 6;
    static final int RUGGED = 7;
}
