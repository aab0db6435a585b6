package com.alphaleak.sample;

/** Latent behaviour of a tracked wallet. */
enum WalletKind {
    /** Average trader: slightly negative skill, buys whatever is around. */
    NOISE,
    /** Picks tokens with real upside and enters early. */
    SKILLED,
    /** Very many small, very early buys on almost every launch (the key skew). */
    BOT,
    /** Buys seconds after skilled wallets of its cluster. */
    COPY_TRADER
}
