package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;

import java.io.Serializable;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The size and calendar of one sample world, derived from {@link AlphaLeakConfig.Sample} and the
 * run seed. Times are epoch microseconds (UTC), the unit of Spark timestamps.
 *
 * @param startMicros     first instant of the simulated span
 * @param nowMicros       end of the span (start + days): nothing is known after it
 * @param shiftMicros     instant the market regime changes (start + regimeShiftAt * span)
 * @param tokens          tokens launched in the span (signals are spread over a subset of them)
 * @param botSignalShare  share of all signals fired by bot wallets (0 when there are no bots)
 */
record WorldSpec(long seed, long startMicros, long nowMicros, long shiftMicros, int signals, int tokens,
                 int wallets, int creators, double botWalletShare, double botSignalShare) implements Serializable {

    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Tokens launched per signal: about half the tokens never see a tracked buy. */
    static final double TOKENS_PER_SIGNAL = 0.5;

    static WorldSpec of(AlphaLeakConfig.Sample sample, long seed) {
        require(sample.signals() >= 10, "sample.signals must be at least 10, got " + sample.signals());
        require(sample.signals() <= 50_000_000, "sample.signals must be at most 50000000, got " + sample.signals());
        require(sample.days() >= 1, "sample.days must be at least 1, got " + sample.days());
        require(sample.regimeShiftAt() >= 0 && sample.regimeShiftAt() <= 1,
                "sample.regime-shift-at must be within [0, 1], got " + sample.regimeShiftAt());
        require(sample.botWalletShare() >= 0 && sample.botWalletShare() < 0.5,
                "sample.bot-wallet-share must be within [0, 0.5), got " + sample.botWalletShare());
        require(sample.wallets() >= 10, "sample.wallets must be at least 10, got " + sample.wallets());
        require(sample.creators() >= 1, "sample.creators must be at least 1, got " + sample.creators());
        require(sample.start() != null, "sample.start must be set");
        long start = micros(sample.start());
        long span = sample.days() * DAY;
        long shift = start + Math.round(sample.regimeShiftAt() * span);
        int tokens = (int) Math.max(20, Math.round(sample.signals() * TOKENS_PER_SIGNAL));
        int bots = WalletPopulation.botCount(sample.wallets(), sample.botWalletShare());
        double botSignalShare = bots == 0 ? 0.0 : Math.min(0.45, Math.max(0.05, 30.0 * sample.botWalletShare()));
        return new WorldSpec(seed, start, start + span, shift, sample.signals(), tokens, sample.wallets(),
                sample.creators(), sample.botWalletShare(), botSignalShare);
    }

    long spanMicros() {
        return nowMicros - startMicros;
    }

    /** 0 before the regime shift, 1 from it on. */
    int regimeAt(long micros) {
        return micros >= shiftMicros ? 1 : 0;
    }

    static long micros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
