package com.alphaleak.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The token-state feed: a snapshot every minute while the token trades on its curve, every 15
 * minutes after graduation (DEX trading, curve complete) for up to a day, and one write at each
 * lifecycle event (graduation, rug, death). Written {@code known_at} = event + a short feed delay,
 * stamped to the second (rounded up); now and then the feed writes twice in the same second (the later
 * write counts one more buy), which exercises the tie-break.
 */
final class TokenStateBuilder {
    static final double DOUBLE_WRITE_RATE = 0.03;
    private static final long POST_GRADUATION_CADENCE = 15 * WorldSpec.MINUTE;

    private final WorldSpec spec;

    TokenStateBuilder(WorldSpec spec) {
        this.spec = spec;
    }

    List<TokenStateRow> build(TokenLife life) {
        Rng r = Rng.of(spec.seed(), Rng.Stream.TOKEN_STATE, life.index);
        TokenLatents t = life.latents;
        PricePath path = life.path;
        List<TokenStateRow> rows = new ArrayList<>();
        long horizon = spec.nowMicros() - life.createdMicros;
        long tradingEnd = Math.min(t.tradingEnd(), TokenLatents.MAX_LIFE);
        long curveEnd = life.graduated() ? life.graduationOffset : tradingEnd;
        double bundleConfidence = life.bundled ? r.uniform(0.6, 0.95) : r.uniform(0, 0.15);
        double devShare0 = t.devSol() / (Curve.START_VIRTUAL_SOL + t.devSol()) * (life.bundled ? 0.3 : 1.0);
        Feed feed = new Feed(rows, r, life.createdMicros);

        for (long tick = WorldSpec.MINUTE; tick < curveEnd && tick <= horizon; tick += WorldSpec.MINUTE) {
            int k = path.index(tick);
            double x = path.logPriceAt(k);
            double dx = x - path.logPriceAt(path.index(tick - WorldSpec.MINUTE));
            int lifecycle = lifecycle(x, dx, path.runningMax(k), tick);
            feed.write(tick, lifecycle, x, life, bundleConfidence, devShare0 * Math.exp(-tick / (20.0 * WorldSpec.MINUTE)), dx);
        }
        if (life.graduated() && life.graduationOffset <= horizon) {
            feed.write(life.graduationOffset, TokenStateRow.GRADUATED, TokenLatents.GRADUATION_LOG_PRICE, life,
                    bundleConfidence, devShare0 * 0.5, 0.2);
            long first = (life.graduationOffset / POST_GRADUATION_CADENCE + 1) * POST_GRADUATION_CADENCE;
            for (long tick = first; tick < tradingEnd && tick <= horizon && tick <= life.graduationOffset + WorldSpec.DAY;
                 tick += POST_GRADUATION_CADENCE) {
                int k = path.index(tick);
                double dx = path.logPriceAt(k) - path.logPriceAt(path.index(tick - WorldSpec.MINUTE));
                feed.write(tick, TokenStateRow.GRADUATED, TokenLatents.GRADUATION_LOG_PRICE, life, bundleConfidence,
                        devShare0 * 0.3, dx);
            }
        } else if (t.rugged() && t.rugOffset() <= horizon) {
            feed.write(t.rugOffset(), TokenStateRow.RUGGED, path.logPriceAt(path.index(t.rugOffset())) - t.crash(), life,
                    bundleConfidence, 0.0, -t.crash());
        } else if (!life.graduated() && t.deathOffset() <= horizon) {
            feed.write(t.deathOffset(), TokenStateRow.DEAD, path.logPriceAt(path.index(t.deathOffset())), life,
                    bundleConfidence, devShare0 * 0.1, 0.0);
        }
        return rows;
    }

    private static int lifecycle(double x, double dx, double runningMax, long tick) {
        if (Curve.progress(x) >= 0.7) {
            return TokenStateRow.NEAR_GRADUATION;
        }
        if (dx > 0.2) {
            return TokenStateRow.TRENDING;
        }
        if (x < runningMax - 0.6) {
            return TokenStateRow.FADING;
        }
        if (tick < 5 * WorldSpec.MINUTE) {
            return tick < WorldSpec.MINUTE + 1 && dx < 0.05 ? TokenStateRow.CREATED : TokenStateRow.EARLY;
        }
        return dx >= 0 ? TokenStateRow.TRENDING : TokenStateRow.FADING;
    }

    /** Writes rows with flow values drawn around the token's activity at each instant. */
    private final class Feed {
        private final List<TokenStateRow> rows;
        private final Rng r;
        private final long created;

        Feed(List<TokenStateRow> rows, Rng r, long created) {
            this.rows = rows;
            this.r = r;
            this.created = created;
        }

        void write(long offset, int lifecycle, double x, TokenLife life, double bundleConfidence, double devShare,
                   double dx) {
            TokenLatents t = life.latents;
            long knownAt = RawSnapshots.stamp(created + offset + (long) (r.uniform(0.5, 4.0) * WorldSpec.SECOND));
            if (knownAt > spec.nowMicros()) {
                return;
            }
            double expected60 = t.cumulativeBuys(offset) - t.cumulativeBuys(offset - WorldSpec.MINUTE);
            double expected300 = t.cumulativeBuys(offset) - t.cumulativeBuys(offset - 5 * WorldSpec.MINUTE);
            int buys60 = r.poisson(expected60 * Math.exp(0.8 * dx));
            int sells60 = r.poisson(0.35 * expected60 * Math.exp(-0.8 * dx)) + (lifecycle == TokenStateRow.RUGGED ? 3 : 0);
            int buys300 = buys60 + r.poisson(Math.max(0, expected300 - expected60));
            int sells300 = sells60 + r.poisson(0.35 * Math.max(0, expected300 - expected60));
            double flow = buys300 * 0.45 - sells300 * 0.55 + 1.5 * dx + r.normal(0, 0.1)
                    - (lifecycle == TokenStateRow.RUGGED ? t.devSol() * 5 : 0);
            int holders = (int) Math.max(1, Math.round(0.55 * (t.cumulativeBuys(offset) + t.bundleBuys()) * r.uniform(0.9, 1.1)));
            double top10 = WalletPopulation.clamp01((life.bundled ? 0.5 : 0.25) + 2.0 / Math.sqrt(holders + 1.0) + r.normal(0, 0.02));
            double vSol = lifecycle == TokenStateRow.GRADUATED ? Curve.START_VIRTUAL_SOL + Curve.GRADUATION_REAL_SOL : Curve.virtualSol(x);
            double progress = lifecycle == TokenStateRow.GRADUATED ? 1.0 : Curve.progress(x);
            int sequence = rows.size();
            TokenStateRow row = new TokenStateRow(knownAt, sequence, lifecycle, progress, vSol,
                    Curve.virtualTokensMillions(vSol), Curve.realSol(vSol), holders, top10, bundleConfidence,
                    devShare, buys60, sells60, flow, Math.round(buys300 * r.uniform(0.6, 0.9)));
            rows.add(row);
            if (r.chance(DOUBLE_WRITE_RATE)) {
                // A second writer lands in the same second with one more buy counted.
                rows.add(new TokenStateRow(knownAt, sequence + 1, lifecycle, progress, vSol, row.virtualTokens(),
                        row.realSol(), holders + 1, top10, bundleConfidence, devShare, buys60 + 1, sells60,
                        flow + 0.4, row.uniqueBuyers300() + 1));
            }
        }
    }
}
