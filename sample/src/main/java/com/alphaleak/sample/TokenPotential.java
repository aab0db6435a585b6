package com.alphaleak.sample;

/**
 * A token's latent potential g (standard-normal-ish; higher = longer life and upward drift) and
 * its coarse tiers, used to let wallets choose tokens by skill.
 */
final class TokenPotential {
    private TokenPotential() {}

    static final int TIERS = 8;
    private static final double LOW = -3.0;
    private static final double WIDTH = 0.75;

    static int tier(double g) {
        int t = (int) Math.floor((g - LOW) / WIDTH);
        return Math.min(TIERS - 1, Math.max(0, t));
    }

    static double tierCenter(int tier) {
        return LOW + WIDTH * (tier + 0.5);
    }
}
