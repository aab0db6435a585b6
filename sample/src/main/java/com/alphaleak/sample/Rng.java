package com.alphaleak.sample;

import java.util.SplittableRandom;

/**
 * A small seeded random source for one entity (a wallet, a creator, a token). Every entity gets
 * its own generator derived from {@code (seed, stream, index)}, so what an entity draws never
 * depends on which other entities were simulated before it, in which task or on how many cores.
 * Distributions are implemented here rather than taken from the JDK so that values stay identical
 * across JDK versions.
 */
final class Rng {
    private final SplittableRandom random;

    private Rng(long state) {
        this.random = new SplittableRandom(state);
    }

    /** Generator of entity {@code index} in {@code stream} of the world seeded with {@code seed}. */
    static Rng of(long seed, Stream stream, long index) {
        return new Rng(mix(mix(mix(seed) ^ stream.salt) + index));
    }

    /** The independent random streams of the world; one per kind of entity and purpose. */
    enum Stream {
        WALLETS(0x1A2B3C4DL), CREATORS(0x5E6F7081L), TOKEN_PLAN(0x92A3B4C5L), SLOT_ALLOCATION(0xD6E7F809L),
        TOKEN_LIFE(0x1B2C3D4EL), TOKEN_GENESIS(0x2C3D4E5FL), TOKEN_STATE(0x3D4E5F60L), TOKEN_REPORTING(0x4E5F6071L),
        SNAPSHOT_DELAYS(0x5F607182L);

        final long salt;

        Stream(long salt) {
            this.salt = salt * 0x9E3779B97F4A7C15L;
        }
    }

    /** SplitMix64 finaliser: a bijection of 64-bit values with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** Uniform in (0, 1]: safe to take the logarithm of. */
    double openUniform() {
        return 1.0 - random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal by Box-Muller (one value per call; the second is discarded to keep the generator stateless). */
    double gaussian() {
        return Math.sqrt(-2.0 * Math.log(openUniform())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Log-normal with the given median and log-scale standard deviation. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    double exponential(double mean) {
        return -mean * Math.log(openUniform());
    }

    /** Poisson count: exact (multiplication method) below mean 30, normal approximation above. */
    int poisson(double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= random.nextDouble();
                n++;
            }
            return n;
        }
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }

    /** Binomial count by normal approximation for large n, exact trials for small n. */
    int binomial(int n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n < 40) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }
        double k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * gaussian());
        return (int) Math.min(n, Math.max(0, k));
    }

    /** Index i with probability proportional to {@code cumulative[i] - cumulative[i - 1]}. */
    int weighted(double[] cumulative) {
        return WeightedIndex.find(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
    }
}
