package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole outcome chain (activity time change, grid simulation with bridge maxima, rug crash)
 * reproduces the oracle probability: a signal's outcome is really drawn from its oracle value.
 */
class PricePathTest {
    private static final long MINUTE = WorldSpec.MINUTE;

    @Test
    void simulatedPeaksFollowTheOracleProbability() {
        long signal = 40 * WorldSpec.SECOND;
        for (double drift : new double[]{-0.4, 0.05}) {
            for (boolean rug : new boolean[]{false, true}) {
                TokenLatents t = new TokenLatents(0, 0, drift, 0.45, 2.0, 0.05, 30 * MINUTE,
                        rug ? 3 * MINUTE : Long.MAX_VALUE, 2.5, 1.0, 0, 0.3, 1.0);
                long[] grid = {0, signal, signal + 10 * MINUTE, signal + 60 * MINUTE, MINUTE, 2 * MINUTE, 3 * MINUTE,
                        30 * MINUTE, signal + 4 * MINUTE};
                int n = 40_000;
                int hits10 = 0;
                int hits60 = 0;
                for (int i = 0; i < n; i++) {
                    PricePath p = PricePath.simulate(t, grid, Rng.of(99, Rng.Stream.TOKEN_LIFE, i));
                    double peak10 = p.peakMultiple(p.index(signal), p.index(signal + 10 * MINUTE));
                    double peak60 = p.peakMultiple(p.index(signal), p.index(signal + 60 * MINUTE));
                    assertTrue(peak60 >= peak10 && peak10 >= 1.0);
                    hits10 += peak10 >= 2 ? 1 : 0;
                    hits60 += peak60 >= 2 ? 1 : 0;
                }
                double p10 = t.probabilityOfMultiple(signal, 10 * MINUTE, 2.0);
                double p60 = t.probabilityOfMultiple(signal, 60 * MINUTE, 2.0);
                String name = "drift " + drift + ", rug " + rug;
                assertEquals(p10, hits10 / (double) n, 4 * Math.sqrt(p10 * (1 - p10) / n) + 1e-3, name + " (10m)");
                assertEquals(p60, hits60 / (double) n, 4 * Math.sqrt(p60 * (1 - p60) / n) + 1e-3, name + " (1h)");
            }
        }
    }

    @Test
    void priceIsFrozenAfterTheRugAndAfterDeath() {
        TokenLatents t = new TokenLatents(0, 0, 0.0, 0.45, 2.0, 0.0, 10 * MINUTE, 3 * MINUTE, 2.5, 1.0, 0, 0.3, 1.0);
        long[] grid = {0, MINUTE, 3 * MINUTE, 4 * MINUTE, 20 * MINUTE};
        PricePath p = PricePath.simulate(t, grid, Rng.of(1, Rng.Stream.TOKEN_LIFE, 0));
        int rug = p.index(3 * MINUTE);
        assertEquals(p.logPriceAt(rug) - 2.5, p.logPriceAt(p.index(4 * MINUTE)), 1e-12);
        assertEquals(p.logPriceAt(p.index(4 * MINUTE)), p.logPriceAt(p.index(20 * MINUTE)), 1e-12);
        assertEquals(1.0, p.peakMultiple(p.index(4 * MINUTE), p.index(20 * MINUTE)), 1e-12);
    }
}
