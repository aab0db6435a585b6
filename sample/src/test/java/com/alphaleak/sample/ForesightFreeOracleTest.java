package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForesightFreeOracleTest {
    private static final long SECOND = WorldSpec.SECOND;
    private static final long MINUTE = WorldSpec.MINUTE;

    /** Brute force: draw the future the generator draws, keep the draws where trading still runs, average. */
    private static double monteCarlo(TokenLatents t, long from, long horizon, double multiple, int n, SplittableRandom r) {
        double sum = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double u = TokenLatents.DEATH_JITTER_LOW + (TokenLatents.DEATH_JITTER_HIGH - TokenLatents.DEATH_JITTER_LOW) * r.nextDouble();
            long death = TokenLatents.deathOffset(t.lifeMinutes(), t.tail() * u);
            double z = gaussian(r);
            long rug = Math.max(TokenLatents.MIN_RUG,
                    (long) (TokenLatents.rugMedianSeconds(t.lifeMinutes()) * Math.exp(TokenLatents.RUG_SIGMA * z) * SECOND));
            long end = r.nextDouble() < t.rugChance() && rug < death ? rug : death;
            if (end <= from) {
                continue;
            }
            kept++;
            double duration = t.activityTime(from + horizon, end) - t.activityTime(from, end);
            sum += BrownianMaximum.probabilityAtLeast(t.drift(), t.volatility(), duration, Math.log(multiple));
        }
        return sum / kept;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static TokenLatents token(double drift, double life, double tail, double rugChance) {
        return new TokenLatents(0, 0, drift, 0.45, life, tail, 0, Long.MAX_VALUE, 2.5, 1.0, 0, 0.3, rugChance);
    }

    @Test
    void integratedProbabilityMatchesBruteForceOverTheDrawnFuturesOnRandomTokens() {
        SplittableRandom r = new SplittableRandom(17);
        long[] horizons = {10 * MINUTE, 60 * MINUTE, 4 * 60 * MINUTE};
        for (int k = 0; k < 12; k++) {
            TokenLatents t = token(-0.45 + 0.5 * r.nextDouble(), 0.3 + 8 * r.nextDouble(), 0.08 * r.nextDouble(), r.nextDouble());
            long from = (long) (r.nextDouble() * 6 * t.lifeMinutes() * MINUTE) + 300_000L;
            if (TokenLatents.deathOffset(t.lifeMinutes(), t.tail() * TokenLatents.DEATH_JITTER_HIGH) <= from) {
                from = 300_000L;
            }
            long horizon = horizons[k % horizons.length];
            double exact = ForesightFreeOracle.probability(t, from, horizon, 2.0);
            double mc = monteCarlo(t, from, horizon, 2.0, 200_000, r);
            assertEquals(mc, exact, 0.002 + 0.01 * mc, "token " + k + " from " + from / SECOND + " s");
        }
    }

    @Test
    void withoutARugChanceOnlyTheDeathJitterIsIntegrated() {
        TokenLatents t = token(0.05, 3.0, 0.0, 0.0);
        long from = 30 * SECOND;
        // Launch activity alone: death long after a 10-minute window ends, so the end does not matter.
        double plain = BrownianMaximum.probabilityAtLeast(0.05, 0.45,
                t.activityTime(from + 10 * MINUTE, Long.MAX_VALUE) - t.activityTime(from, Long.MAX_VALUE), Math.log(2));
        assertEquals(plain, ForesightFreeOracle.probability(t, from, 10 * MINUTE, 2.0), 1e-9);
    }

    @Test
    void aLikelyRugLowersTheChance() {
        TokenLatents safe = token(0.05, 5.0, 0.05, 0.0);
        TokenLatents risky = token(0.05, 5.0, 0.05, 0.9);
        long from = 60 * SECOND;
        double pSafe = ForesightFreeOracle.probability(safe, from, 60 * MINUTE, 2.0);
        double pRisky = ForesightFreeOracle.probability(risky, from, 60 * MINUTE, 2.0);
        assertTrue(pRisky < pSafe - 0.05, pRisky + " vs " + pSafe);
    }
}
