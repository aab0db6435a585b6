package com.alphaleak.sample;

/**
 * Pump.fun bonding-curve arithmetic. The curve starts at 30 virtual SOL and 1,073 million
 * virtual tokens (constant product), so price is proportional to virtual SOL squared; it
 * completes (graduates) at 85 SOL of real reserves.
 */
final class Curve {
    private Curve() {}

    static final double START_VIRTUAL_SOL = 30.0;
    static final double START_VIRTUAL_TOKENS_M = 1073.0;
    static final double GRADUATION_REAL_SOL = 85.0;

    /** Virtual SOL at a log price relative to launch (never below the start of the curve). */
    static double virtualSol(double logPrice) {
        return START_VIRTUAL_SOL * Math.exp(Math.max(0, logPrice) / 2);
    }

    static double virtualTokensMillions(double virtualSol) {
        return START_VIRTUAL_TOKENS_M * START_VIRTUAL_SOL / virtualSol;
    }

    static double realSol(double virtualSol) {
        return Math.min(GRADUATION_REAL_SOL, virtualSol - START_VIRTUAL_SOL);
    }

    static double progress(double logPrice) {
        return Math.min(1.0, realSol(virtualSol(logPrice)) / GRADUATION_REAL_SOL);
    }
}
