package com.alphaleak.sample;

/**
 * Everything simulated for one token: plan, latent dynamics, price path and signals. Genesis
 * window, token-state snapshots and market contributions are derived from it on demand (each
 * from its own random stream, so deriving one never changes another).
 */
final class TokenLife {
    /** Share of PeakTracker measurements lost to tracking failures. */
    static final double LOSS_RATE = 0.005;

    final int index;
    final String id;
    final long createdMicros;
    final int creator;
    final boolean bundled;
    final TokenLatents latents;
    final PricePath path;
    final SimSignal[] signals;
    /** Offset of graduation (curve complete), or -1. */
    final long graduationOffset;

    TokenLife(int index, String id, long createdMicros, int creator, boolean bundled, TokenLatents latents,
              PricePath path, SimSignal[] signals, long graduationOffset) {
        this.index = index;
        this.id = id;
        this.createdMicros = createdMicros;
        this.creator = creator;
        this.bundled = bundled;
        this.latents = latents;
        this.path = path;
        this.signals = signals;
        this.graduationOffset = graduationOffset;
    }

    boolean graduated() {
        return graduationOffset >= 0;
    }

    /** How the token's life resolved, and when that became known (absolute micros). */
    Resolution resolution() {
        if (graduated()) {
            return new Resolution(Resolution.Kind.GRADUATED, createdMicros + graduationOffset);
        }
        if (latents.rugged()) {
            return new Resolution(Resolution.Kind.RUGGED, createdMicros + latents.rugOffset());
        }
        // Death is only concluded after a quiet minute.
        return new Resolution(Resolution.Kind.DEAD, createdMicros + latents.deathOffset() + WorldSpec.MINUTE);
    }

    /** @param knownAtMicros instant the resolution is known (may lie after "now": unresolved then) */
    record Resolution(Kind kind, long knownAtMicros) {
        enum Kind { GRADUATED, RUGGED, DEAD }
    }
}
