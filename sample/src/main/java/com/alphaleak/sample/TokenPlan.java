package com.alphaleak.sample;

import java.io.Serializable;

/**
 * What the driver decides about every token before simulation: launch time, creator, whether the
 * launch is bundled, latent potential, and how many bot and non-bot signals fire on it. Signal
 * counts are allocated globally so the world has exactly the configured number of signals:
 * non-bot wallets gather on high-potential tokens, bots spread over nearly all launches.
 */
final class TokenPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Launch rate after the regime shift relative to before it. */
    static final double CREATION_RATE_AFTER_SHIFT = 1.6;
    static final double HUMAN_ATTENTION = 0.8;
    static final double BOT_ATTENTION = 0.15;

    final int size;
    final long[] createdMicros;
    final int[] creator;
    final boolean[] bundled;
    final double[] potential;
    final int[] botSignals;
    final int[] humanSignals;

    TokenPlan(WorldSpec spec, CreatorPopulation creators) {
        size = spec.tokens();
        createdMicros = new long[size];
        creator = new int[size];
        bundled = new boolean[size];
        potential = new double[size];
        botSignals = new int[size];
        humanSignals = new int[size];

        double shiftFraction = (double) (spec.shiftMicros() - spec.startMicros()) / spec.spanMicros();
        double before = shiftFraction;
        double after = (1 - shiftFraction) * CREATION_RATE_AFTER_SHIFT;
        double massBefore = before + after == 0 ? 0 : before / (before + after);
        // Launches stop a little before "now" so every token has at least a short observable life.
        long usable = spec.spanMicros() - 2 * WorldSpec.MINUTE;
        double[] humanWeight = new double[size];
        double[] botWeight = new double[size];
        for (int i = 0; i < size; i++) {
            Rng r = Rng.of(spec.seed(), Rng.Stream.TOKEN_PLAN, i);
            double u = r.uniform();
            double fraction = u < massBefore ? (u / massBefore) * shiftFraction
                    : shiftFraction + (u - massBefore) / (1 - massBefore) * (1 - shiftFraction);
            createdMicros[i] = spec.startMicros() + (long) (fraction * usable);
            creator[i] = creators.pick(r, createdMicros[i]);
            int c = creator[i];
            bundled[i] = r.chance(creators.bundleShare[c]);
            int regime = spec.regimeAt(createdMicros[i]);
            // Bundling used to mark weak launches; after the shift bundled launches pump first (then often rug).
            double bundleEffect = bundled[i] ? (regime == 0 ? -0.5 : 0.3) : 0.0;
            potential[i] = -0.3 + creators.quality[c] + r.gaussian() + bundleEffect - 0.4 * regime;
            humanWeight[i] = Math.exp(HUMAN_ATTENTION * potential[i]);
            botWeight[i] = Math.exp(BOT_ATTENTION * potential[i]);
        }
        int botTotal = (int) Math.round(spec.signals() * spec.botSignalShare());
        allocate(Rng.of(spec.seed(), Rng.Stream.SLOT_ALLOCATION, 0), WeightedIndex.cumulative(botWeight), botTotal, botSignals);
        allocate(Rng.of(spec.seed(), Rng.Stream.SLOT_ALLOCATION, 1), WeightedIndex.cumulative(humanWeight),
                spec.signals() - botTotal, humanSignals);
    }

    private static void allocate(Rng r, double[] cumulative, int total, int[] counts) {
        for (int k = 0; k < total; k++) {
            counts[r.weighted(cumulative)]++;
        }
    }
}
