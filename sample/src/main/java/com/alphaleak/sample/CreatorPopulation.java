package com.alphaleak.sample;

import java.io.Serializable;

/**
 * Token creators and their latent traits (rug propensity, launch quality, bundling habit, launch
 * frequency), drawn on the driver and broadcast. Some creators appear during the span and have
 * no history (structural missingness in creator stats).
 */
final class CreatorPopulation implements Serializable {
    private static final long serialVersionUID = 1L;

    static final double NEW_CREATOR_SHARE = 0.3;

    final int size;
    final String[] ids;
    final double[] rugLogit;
    final double[] quality;
    final double[] bundleShare;
    final double[] insiderShare;
    final double[] launchWeight;
    final long[] birthMicros;
    /** Known-at of the stats row summarising launches before the span; 0 for new creators. */
    final long[] historyKnownAt;
    final CreatorHistory[] history;
    final double[] launchChoice;

    /** Launches before the span (all zero for new creators). */
    record CreatorHistory(int launches, int resolved, int rugged, int graduated, double meanInsiderShare,
                          double meanBotBuyerShare, double meanPeakMultiple, double medianLifetimeSeconds)
            implements Serializable {
        static final CreatorHistory NONE = new CreatorHistory(0, 0, 0, 0, 0, 0, 0, 0);
    }

    CreatorPopulation(WorldSpec spec) {
        size = spec.creators();
        ids = new String[size];
        rugLogit = new double[size];
        quality = new double[size];
        bundleShare = new double[size];
        insiderShare = new double[size];
        launchWeight = new double[size];
        birthMicros = new long[size];
        historyKnownAt = new long[size];
        history = new CreatorHistory[size];
        for (int c = 0; c < size; c++) {
            Rng r = Rng.of(spec.seed(), Rng.Stream.CREATORS, c);
            ids[c] = Ids.creator(spec.seed(), c);
            rugLogit[c] = r.normal(-2.4, 1.2);
            // Ruggers also launch weaker tokens: rug history is (weakly) informative about upside.
            quality[c] = r.normal(0.0, 0.4) - 0.2 * (rugLogit[c] + 2.4);
            bundleShare[c] = r.chance(0.3) ? r.uniform(0.3, 0.8) : r.uniform(0.0, 0.08);
            insiderShare[c] = WalletPopulation.clamp01(r.uniform(0.0, 0.25) + 0.3 * bundleShare[c]);
            launchWeight[c] = r.logNormal(1.0, 1.2);
            if (c > 0 && r.chance(NEW_CREATOR_SHARE)) { // creator 0 always has history: someone can launch at the start
                birthMicros[c] = spec.startMicros() + (long) (r.uniform() * 0.85 * spec.spanMicros());
                history[c] = CreatorHistory.NONE;
            } else {
                double ageDays = 1 + r.logNormal(60, 1.2);
                birthMicros[c] = spec.startMicros() - (long) (ageDays * WorldSpec.DAY);
                // The last pre-span write lies between the creator's birth and the span start.
                historyKnownAt[c] = spec.startMicros() - (long) (r.uniform(1, Math.min(120, 0.9 * 24 * ageDays)) * WorldSpec.HOUR);
                int launches = (int) Math.max(1, Math.round(r.logNormal(6, 1.0)));
                double pRug = 1 / (1 + Math.exp(-rugLogit[c]));
                double pGrad = Math.min(0.5, 0.02 * Math.exp(1.5 * quality[c]));
                history[c] = new CreatorHistory(launches, launches, r.binomial(launches, pRug),
                        r.binomial(launches, pGrad), WalletPopulation.clamp01(insiderShare[c] + r.normal(0, 0.03)),
                        WalletPopulation.clamp01(r.uniform(0.1, 0.4)), 1.0 + r.logNormal(0.6 * Math.exp(quality[c]), 0.4),
                        r.logNormal(240 * Math.exp(quality[c]), 0.5));
            }
        }
        launchChoice = WeightedIndex.cumulative(launchWeight);
    }

    /** A creator able to launch at the given instant (born by then). */
    int pick(Rng r, long atMicros) {
        for (int attempt = 0; attempt < 32; attempt++) {
            int c = r.weighted(launchChoice);
            if (birthMicros[c] <= atMicros) {
                return c;
            }
        }
        // Early in the span most weight may belong to creators not yet born: fall back to any that is.
        int start = r.nextInt(size);
        for (int k = 0; k < size; k++) {
            int c = (start + k) % size;
            if (birthMicros[c] <= atMicros) {
                return c;
            }
        }
        throw new IllegalStateException("no creator born by " + atMicros + "; the span start guarantees one");
    }
}
