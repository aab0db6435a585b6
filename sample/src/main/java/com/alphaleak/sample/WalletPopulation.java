package com.alphaleak.sample;

import java.io.Serializable;

/**
 * The tracked wallets of a world and their latent traits, drawn on the driver (small) and
 * broadcast to the token simulation. Also holds the tables used to pick which wallet fires a
 * signal: bots pick tokens blindly; other wallets prefer tokens whose latent potential matches
 * their skill, more strongly before the regime shift than after it.
 */
final class WalletPopulation implements Serializable {
    private static final long serialVersionUID = 1L;

    static final double SKILLED_SHARE = 0.08;
    static final double COPY_SHARE = 0.06;
    static final double NEW_WALLET_SHARE = 0.25;
    /** How strongly non-bot wallets' skill steers them to high-potential tokens, per regime. */
    static final double[] SELECTION_STRENGTH = {0.9, 0.45};

    final int size;
    final String[] ids;
    final WalletKind[] kind;
    final double[] skill;
    final double[] activity;
    /** First activity; before the span start for wallets with history. */
    final long[] birthMicros;
    final int[] cluster;
    /** The co-occurrence graph's estimate of the cluster (mostly right). */
    final int[] detectedCluster;
    final int clusterCount;
    /** For copy traders the skilled wallet of their cluster they follow, else -1. */
    final int[] leader;
    final double[] solScale;
    final double[] holdSeconds;
    final double[] washShare;
    /** Known-at of the snapshot summarising history before the span; 0 for new wallets. */
    final long[] historyKnownAt;
    final WalletHistory[] history;

    final int[] humans;
    final int[] bots;
    /** [regime][tier] cumulative choice weights over {@link #humans}. */
    final double[][][] humanChoice;
    final double[] botChoice;

    /** Summary of a wallet's trading before the span (all zero for new wallets). */
    record WalletHistory(int entries, int trades, int resolved, int wins, int graduated, double meanBuyRank,
                         double meanSecondsAfterCreation, double pctTop10, double pctUnder60, double pctUnder300,
                         double meanSol, double medianSol, double solStddev, double maxSol, double meanHold,
                         double pctSoldWithin5m, double followShare, int partners) implements Serializable {
        static final WalletHistory NONE = new WalletHistory(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static int botCount(int wallets, double share) {
        return share <= 0 ? 0 : (int) Math.max(1, Math.round(wallets * share));
    }

    WalletPopulation(WorldSpec spec) {
        size = spec.wallets();
        ids = new String[size];
        kind = new WalletKind[size];
        skill = new double[size];
        activity = new double[size];
        birthMicros = new long[size];
        cluster = new int[size];
        detectedCluster = new int[size];
        leader = new int[size];
        solScale = new double[size];
        holdSeconds = new double[size];
        washShare = new double[size];
        historyKnownAt = new long[size];
        history = new WalletHistory[size];

        int nBots = botCount(size, spec.botWalletShare());
        int nSkilled = Math.max(1, (int) Math.round(size * SKILLED_SHARE));
        int nCopy = Math.max(1, (int) Math.round(size * COPY_SHARE));
        // Kinds by index block; ids are hashed, so the blocks are invisible in the data.
        for (int i = 0; i < size; i++) {
            kind[i] = i < nBots ? WalletKind.BOT : i < nBots + nSkilled ? WalletKind.SKILLED
                    : i < nBots + nSkilled + nCopy ? WalletKind.COPY_TRADER : WalletKind.NOISE;
        }
        int socialClusters = Math.max(1, (nSkilled + nCopy) / 8);
        int noiseClusters = Math.max(1, (size - nBots - nSkilled - nCopy) / 20);
        int botClusters = Math.max(1, (nBots + 4) / 5);
        clusterCount = socialClusters + noiseClusters + botClusters;

        for (int i = 0; i < size; i++) {
            Rng r = Rng.of(spec.seed(), Rng.Stream.WALLETS, i);
            ids[i] = Ids.wallet(spec.seed(), i);
            WalletKind k = kind[i];
            switch (k) {
                case SKILLED -> {
                    skill[i] = r.normal(1.3, 0.4);
                    activity[i] = r.logNormal(1.0, 0.8);
                    cluster[i] = r.nextInt(socialClusters);
                    solScale[i] = r.logNormal(1.2, 0.6);
                    holdSeconds[i] = r.logNormal(900, 0.8);
                    washShare[i] = r.uniform(0, 0.03);
                }
                case COPY_TRADER -> {
                    skill[i] = r.normal(0.3, 0.4);
                    activity[i] = r.logNormal(1.0, 0.8);
                    cluster[i] = r.nextInt(socialClusters);
                    solScale[i] = r.logNormal(0.6, 0.6);
                    holdSeconds[i] = r.logNormal(300, 0.8);
                    washShare[i] = r.uniform(0, 0.05);
                }
                case BOT -> {
                    skill[i] = r.normal(0.0, 0.3);
                    activity[i] = r.logNormal(1.0, 0.5);
                    cluster[i] = socialClusters + noiseClusters + r.nextInt(botClusters);
                    solScale[i] = r.logNormal(0.2, 0.3);
                    holdSeconds[i] = r.logNormal(30, 0.5);
                    washShare[i] = r.uniform(0.15, 0.6);
                }
                case NOISE -> {
                    skill[i] = r.normal(-0.3, 0.6);
                    activity[i] = r.logNormal(1.0, 1.0);
                    cluster[i] = socialClusters + r.nextInt(noiseClusters);
                    solScale[i] = r.logNormal(0.5, 0.8);
                    holdSeconds[i] = r.logNormal(400, 1.0);
                    washShare[i] = r.uniform(0, 0.05);
                }
            }
            detectedCluster[i] = r.chance(0.9) ? cluster[i] : r.nextInt(clusterCount);
            // The first skilled wallet always has history, so an early signal always finds an eligible wallet.
            boolean isNew = k != WalletKind.BOT && i != nBots && r.chance(NEW_WALLET_SHARE);
            if (isNew) {
                birthMicros[i] = spec.startMicros() + (long) (r.uniform() * 0.9 * spec.spanMicros());
                history[i] = WalletHistory.NONE;
            } else {
                birthMicros[i] = spec.startMicros() - (long) (r.uniform(5, 400) * WorldSpec.DAY);
                historyKnownAt[i] = spec.startMicros() - (long) (r.uniform(1, 72) * WorldSpec.HOUR);
                history[i] = history(r, k, skill[i], solScale[i], holdSeconds[i]);
            }
        }
        for (int i = 0; i < size; i++) {
            leader[i] = kind[i] == WalletKind.COPY_TRADER ? pickLeader(spec, i, nBots, nSkilled) : -1;
        }

        bots = new int[nBots];
        humans = new int[size - nBots];
        int b = 0;
        int h = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] == WalletKind.BOT) {
                bots[b++] = i;
            } else {
                humans[h++] = i;
            }
        }
        double[] botWeights = new double[bots.length];
        for (int j = 0; j < bots.length; j++) {
            botWeights[j] = activity[bots[j]];
        }
        botChoice = bots.length == 0 ? new double[0] : WeightedIndex.cumulative(botWeights);
        humanChoice = new double[2][TokenPotential.TIERS][];
        for (int regime = 0; regime < 2; regime++) {
            for (int tier = 0; tier < TokenPotential.TIERS; tier++) {
                double center = TokenPotential.tierCenter(tier);
                double[] w = new double[humans.length];
                for (int j = 0; j < humans.length; j++) {
                    int i = humans[j];
                    w[j] = activity[i] * Math.exp(SELECTION_STRENGTH[regime] * skill[i] * center);
                }
                humanChoice[regime][tier] = WeightedIndex.cumulative(w);
            }
        }
    }

    private int pickLeader(WorldSpec spec, int i, int nBots, int nSkilled) {
        Rng r = Rng.of(spec.seed(), Rng.Stream.WALLETS, size + (long) i);
        int fallback = nBots + r.nextInt(nSkilled);
        for (int attempt = 0; attempt < 64; attempt++) {
            int candidate = nBots + r.nextInt(nSkilled);
            if (cluster[candidate] == cluster[i]) {
                return candidate;
            }
        }
        return fallback;
    }

    private static WalletHistory history(Rng r, WalletKind k, double skill, double sol, double hold) {
        boolean bot = k == WalletKind.BOT;
        int entries = (int) Math.max(1, Math.round(bot ? r.logNormal(3000, 0.5) : r.logNormal(40, 1.0)));
        int resolved = (int) Math.round(entries * 0.85);
        double pWin = bot ? 0.06 : Math.min(0.6, Math.max(0.005, 0.08 * Math.exp(0.9 * skill)));
        double pGrad = bot ? 0.02 : Math.min(0.3, Math.max(0.002, 0.03 * Math.exp(0.6 * skill)));
        double meanRank = switch (k) {
            case BOT -> r.logNormal(4, 0.3);
            case SKILLED -> r.logNormal(18, 0.4);
            case COPY_TRADER -> r.logNormal(25, 0.4);
            case NOISE -> r.logNormal(60, 0.6);
        };
        double meanAge = switch (k) {
            case BOT -> r.logNormal(15, 0.5);
            case SKILLED -> r.logNormal(90, 0.6);
            case COPY_TRADER -> r.logNormal(120, 0.6);
            case NOISE -> r.logNormal(240, 0.7);
        };
        double top10 = clamp01(switch (k) {
            case BOT -> 0.8;
            case SKILLED -> 0.35;
            case COPY_TRADER -> 0.2;
            case NOISE -> 0.08;
        } + r.normal(0, 0.05));
        double under60 = clamp01(1 - Math.exp(-60 / meanAge) + r.normal(0, 0.05));
        double under300 = clamp01(Math.max(under60, 1 - Math.exp(-300 / meanAge) + r.normal(0, 0.05)));
        double follow = clamp01((k == WalletKind.COPY_TRADER ? 0.7 : 0.1) + r.normal(0, 0.08));
        int partners = (int) Math.round(r.logNormal(k == WalletKind.NOISE ? 3 : 8, 0.6));
        return new WalletHistory(entries, 2 * entries, resolved, r.binomial(resolved, pWin), r.binomial(resolved, pGrad),
                meanRank, meanAge, top10, under60, under300, sol * Math.exp(0.18), sol, sol * 0.6,
                sol * Math.exp(1.2), hold, clamp01(1 - Math.exp(-300 / hold)), follow, partners);
    }

    /** A human wallet for a token of the given potential tier and regime. */
    int pickHuman(Rng r, int regime, int tier) {
        return humans[r.weighted(humanChoice[regime][tier])];
    }

    /** A bot; only called for bot signals, which exist only when there are bots. */
    int pickBot(Rng r) {
        return bots[r.weighted(botChoice)];
    }

    boolean hasHistory(int wallet) {
        return historyKnownAt[wallet] != 0;
    }

    /** 0-100 score the wider market attaches to a wallet (used for genesis buyer quality). */
    double reputation(int wallet) {
        return 100.0 / (1.0 + Math.exp(-(skill[wallet] - 0.2) * 1.6));
    }

    static double clamp01(double v) {
        return Math.min(1.0, Math.max(0.0, v));
    }
}
