package com.alphaleak.sample;

/** One simulated signal: a tracked wallet's buy on a token, with what happened after it. */
final class SimSignal {
    int ordinal;
    String id;
    int wallet;
    WalletKind kind;
    /** Micros after the token's creation. */
    long offset;
    int buyRank;
    double sol;
    double velocity60;
    double velocity300;
    Double ruleScore;
    Double crowding;
    int trackedBefore;
    /** Another tracked wallet bought the token within the 10 s before. */
    boolean followed;
    double holdSeconds;
    Measurement outcome;
    /** Other tracked wallets buying the token within 5 minutes (nearest first, capped). */
    int[] partners;
    /** Offset of the later of the two buys of each pair: when the co-buy became visible. */
    long[] partnerOffsets;
    boolean[] partnerLater;

    long timeMicros(long createdMicros) {
        return createdMicros + offset;
    }
}
