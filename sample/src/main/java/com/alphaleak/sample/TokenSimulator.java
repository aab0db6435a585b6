package com.alphaleak.sample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Simulates one token from its plan: who buys it when (the signals), its price path, and every
 * signal's outcome and latent probabilities. Pure and deterministic in (seed, token index), so
 * Spark tasks can simulate tokens independently and re-simulate them for each output table.
 */
final class TokenSimulator implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long GENESIS_WINDOW = 60 * WorldSpec.SECOND;
    static final long GENESIS_ABORT = 30 * WorldSpec.SECOND;
    static final int MAX_PARTNERS = 12;
    static final long PARTNER_WINDOW = 5 * WorldSpec.MINUTE;
    static final long FOLLOW_WINDOW = 10 * WorldSpec.SECOND;
    /** No buy can precede the launch bundle. */
    static final long FIRST_BUY = 300_000L;

    final WorldSpec spec;
    final WalletPopulation wallets;
    final CreatorPopulation creators;
    final TokenPlan plan;
    final OracleTargets targets;

    TokenSimulator(WorldSpec spec, WalletPopulation wallets, CreatorPopulation creators, TokenPlan plan,
                   OracleTargets targets) {
        this.spec = spec;
        this.wallets = wallets;
        this.creators = creators;
        this.plan = plan;
        this.targets = targets;
    }

    TokenLife simulate(int index) {
        Rng r = Rng.of(spec.seed(), Rng.Stream.TOKEN_LIFE, index);
        long created = plan.createdMicros[index];
        int creator = plan.creator[index];
        boolean bundled = plan.bundled[index];
        int regime = spec.regimeAt(created);
        TokenLatents latents = TokenLatents.draw(r, plan.potential[index], regime, bundled, creators.rugLogit[creator]);

        long latest = Math.min(latents.tradingEnd(), spec.nowMicros() - created - WorldSpec.SECOND);
        List<SimSignal> drafts = draftSignals(r, index, created, regime, latents, latest);
        drafts.sort(Comparator.comparingLong((SimSignal s) -> s.offset).thenComparingInt(s -> s.ordinal));
        SimSignal[] signals = drafts.toArray(new SimSignal[0]);

        PricePath path = PricePath.simulate(latents, grid(latents, signals, created), r);
        long graduation = path.firstReach(TokenLatents.GRADUATION_LOG_PRICE);
        describeSignals(r, index, signals, latents, path, created);
        return new TokenLife(index, Ids.token(spec.seed(), index), created, creator, bundled, latents, path, signals,
                graduation);
    }

    private List<SimSignal> draftSignals(Rng r, int index, long created, int regime, TokenLatents t, long latest) {
        List<SimSignal> drafts = new ArrayList<>();
        int ordinal = 0;
        for (int b = 0; b < plan.botSignals[index]; b++) {
            SimSignal s = new SimSignal();
            s.ordinal = ordinal++;
            s.wallet = wallets.pickBot(r);
            s.kind = WalletKind.BOT;
            // Most bot buys are snipes in the first seconds; the rest follow the activity profile.
            long snipe = FIRST_BUY + (long) (r.exponential(6) * WorldSpec.SECOND);
            s.offset = r.chance(0.7) && snipe < latest ? snipe : activityOffset(t, latest, r.uniform());
            drafts.add(s);
        }
        int tier = TokenPotential.tier(t.potential());
        List<SimSignal> skilled = new ArrayList<>();
        List<SimSignal> copies = new ArrayList<>();
        for (int h = 0; h < plan.humanSignals[index]; h++) {
            SimSignal s = new SimSignal();
            s.ordinal = ordinal++;
            double u = r.uniform();
            int w = wallets.pickHuman(r, regime, tier);
            s.kind = wallets.kind[w];
            // Skilled wallets enter early in the token's activity; noise wallets anywhere.
            s.offset = activityOffset(t, latest, s.kind == WalletKind.SKILLED ? Math.pow(u, 1.8) : u);
            for (int attempt = 0; attempt < 16 && wallets.birthMicros[w] > created + s.offset; attempt++) {
                w = wallets.pickHuman(r, regime, tier);
            }
            if (wallets.birthMicros[w] > created + s.offset) {
                w = wallets.humans[0];
            }
            s.wallet = w;
            s.kind = wallets.kind[w];
            (s.kind == WalletKind.SKILLED ? skilled : s.kind == WalletKind.COPY_TRADER ? copies : drafts).add(s);
        }
        for (SimSignal c : copies) {
            // A copy trader buys seconds after a skilled wallet of the token: its own leader when it bought.
            if (!skilled.isEmpty()) {
                SimSignal followed = skilled.get(r.nextInt(skilled.size()));
                for (SimSignal k : skilled) {
                    if (k.wallet == wallets.leader[c.wallet]) {
                        followed = k;
                    }
                }
                long after = followed.offset + (long) (r.uniform(1, 10) * WorldSpec.SECOND);
                c.offset = after < latest && wallets.birthMicros[c.wallet] <= created + after ? after : c.offset;
            }
        }
        drafts.addAll(skilled);
        drafts.addAll(copies);
        return drafts;
    }

    /** Offset with density proportional to trading activity on [FIRST_BUY, latest). */
    private static long activityOffset(TokenLatents t, long latest, double u) {
        double from = t.activityTime(FIRST_BUY);
        double to = t.activityTime(latest);
        long offset = t.offsetAtActivity(from + u * (to - from));
        return Math.max(FIRST_BUY, Math.min(offset, latest - 1));
    }

    private long[] grid(TokenLatents t, SimSignal[] signals, long created) {
        long stateEnd = Math.min(Math.min(t.tradingEnd(), TokenLatents.MAX_LIFE), spec.nowMicros() - created);
        int minutes = (int) (Math.max(0, stateEnd) / WorldSpec.MINUTE);
        int h = Horizons.count();
        long[] g = new long[1 + 12 + minutes + signals.length * (1 + h) + 2 * h + 3];
        int n = 0;
        g[n++] = 0;
        for (int s = 5; s <= 60; s += 5) {
            g[n++] = s * WorldSpec.SECOND;
        }
        for (int m = 1; m <= minutes; m++) {
            g[n++] = m * WorldSpec.MINUTE;
        }
        for (SimSignal s : signals) {
            g[n++] = s.offset;
            for (long hm : Horizons.MICROS) {
                g[n++] = s.offset + hm;
            }
        }
        for (long hm : Horizons.MICROS) {
            g[n++] = GENESIS_ABORT + hm;
            g[n++] = GENESIS_WINDOW + hm;
        }
        g[n++] = t.deathOffset();
        g[n++] = t.rugged() ? t.rugOffset() : 0;
        g[n++] = WorldSpec.HOUR;
        return Arrays.copyOf(g, n);
    }

    private void describeSignals(Rng r, int index, SimSignal[] signals, TokenLatents t, PricePath path, long created) {
        int rank = t.bundleBuys();
        long previous = 0;
        Set<Integer> seen = new HashSet<>();
        double lowestReputation = wallets.reputation(wallets.humans[0]);
        for (int j = 0; j < signals.length; j++) {
            SimSignal s = signals[j];
            s.id = Ids.signal(spec.seed(), index, s.ordinal);
            rank += r.poisson(t.cumulativeBuys(s.offset) - t.cumulativeBuys(previous)) + 1;
            previous = s.offset;
            s.buyRank = rank;
            int tracked60 = 0;
            int tracked300 = 0;
            boolean followed = false;
            for (int k = j - 1; k >= 0 && signals[k].offset >= s.offset - 300 * WorldSpec.SECOND; k--) {
                tracked300++;
                if (signals[k].offset >= s.offset - 60 * WorldSpec.SECOND) {
                    tracked60++;
                }
                if (signals[k].offset >= s.offset - FOLLOW_WINDOW && signals[k].wallet != s.wallet) {
                    followed = true;
                }
            }
            s.followed = followed;
            s.velocity60 = r.poisson(t.cumulativeBuys(s.offset) - t.cumulativeBuys(s.offset - 60 * WorldSpec.SECOND)) + tracked60;
            s.velocity300 = (r.poisson(t.cumulativeBuys(s.offset) - t.cumulativeBuys(s.offset - 300 * WorldSpec.SECOND))
                    + tracked300) / 5.0;
            s.sol = Math.round(wallets.solScale[s.wallet] * r.logNormal(1.0, 0.5) * 1e4) / 1e4;
            s.trackedBefore = seen.size();
            seen.add(s.wallet);
            s.crowding = s.buyRank > 1 ? j / (s.buyRank - 1.0) : null;
            double reputation = wallets.reputation(s.wallet) - lowestReputation;
            double rule = 35 + 0.25 * reputation + 6 * Math.log1p(s.velocity60) - 0.12 * Math.min(s.buyRank, 100)
                    - (t.bundleBuys() > 0 ? 8 : 0) + r.normal(0, 8);
            s.ruleScore = r.chance(0.01) ? null : Math.min(100, Math.max(0, Math.round(rule * 10) / 10.0));
            s.holdSeconds = wallets.holdSeconds[s.wallet] * r.logNormal(1.0, 0.7);
            s.outcome = Measurement.measure(path, t, targets, created, s.offset, r, TokenLife.LOSS_RATE);
        }
        linkPartners(signals);
    }

    /** For each signal, the nearest other wallets that bought the token within 5 minutes of it. */
    private static void linkPartners(SimSignal[] signals) {
        for (int j = 0; j < signals.length; j++) {
            SimSignal s = signals[j];
            List<int[]> near = new ArrayList<>();
            for (int k = j - 1; k >= 0 && signals[k].offset >= s.offset - PARTNER_WINDOW; k--) {
                if (signals[k].wallet != s.wallet) {
                    near.add(new int[]{k});
                }
            }
            for (int k = j + 1; k < signals.length && signals[k].offset <= s.offset + PARTNER_WINDOW; k++) {
                if (signals[k].wallet != s.wallet) {
                    near.add(new int[]{k});
                }
            }
            near.sort(Comparator.comparingLong((int[] k) -> Math.abs(signals[k[0]].offset - s.offset)).thenComparingInt(k -> k[0]));
            int n = Math.min(MAX_PARTNERS, near.size());
            s.partners = new int[n];
            s.partnerOffsets = new long[n];
            s.partnerLater = new boolean[n];
            for (int p = 0; p < n; p++) {
                SimSignal o = signals[near.get(p)[0]];
                s.partners[p] = o.wallet;
                s.partnerOffsets[p] = Math.max(o.offset, s.offset);
                // "later" = this wallet bought after the partner (it followed)
                s.partnerLater[p] = near.get(p)[0] < j;
            }
        }
    }
}
