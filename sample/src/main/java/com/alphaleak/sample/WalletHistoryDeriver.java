package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Derives the wallet context tables from a wallet's entries, using at each write only what was
 * known by then:
 * <ul>
 *   <li>wallet_snapshots: one write on every trade (buy and sell) of the wallet, a second or two
 *       after it, stamped to the second (a bot trading twice within a second writes twice with
 *       the same known_at);</li>
 *   <li>wallet_features: every 30 minutes for wallets that traded in that half hour.</li>
 * </ul>
 * Wallets with pre-span history also get one write summarising it, dated before the span. New
 * wallets have none, so their first signals find no snapshot.
 */
final class WalletHistoryDeriver implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long FEATURE_CADENCE = 30 * WorldSpec.MINUTE;

    private final WorldSpec spec;
    private final WalletPopulation wallets;
    private final RawRowBuilder snapshotRow = new RawRowBuilder(Contracts.WALLET_SNAPSHOTS);
    private final RawRowBuilder featureRow = new RawRowBuilder(Contracts.WALLET_FEATURES);

    WalletHistoryDeriver(WorldSpec spec, WalletPopulation wallets) {
        this.spec = spec;
        this.wallets = wallets;
    }

    Iterator<Row> snapshots(int wallet, Iterator<Row> rows) {
        List<WalletEntry> entries = WalletEntry.parse(rows);
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, wallet * 8L);
        WalletHistoryState state = new WalletHistoryState(wallets.history[wallet]);
        List<Row> out = new ArrayList<>();
        int seq = 1;
        for (WalletEvents.Event ev : WalletEvents.of(entries, spec.nowMicros())) {
            WalletEvents.apply(ev, entries, state);
            if (ev.type() == WalletEvents.Type.BUY || ev.type() == WalletEvents.Type.SELL) {
                long knownAt = RawSnapshots.stamp(ev.time() + (long) (r.uniform(0.3, 2.5) * WorldSpec.SECOND));
                if (knownAt <= spec.nowMicros()) {
                    out.add(snapshot(state, knownAt, seq++, wallet));
                }
            }
        }
        return out.iterator();
    }

    Iterator<Row> features(int wallet, Iterator<Row> rows) {
        List<WalletEntry> entries = WalletEntry.parse(rows);
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, wallet * 8L + 1);
        WalletHistoryState state = new WalletHistoryState(wallets.history[wallet]);
        List<WalletEvents.Event> events = WalletEvents.of(entries, spec.nowMicros());
        List<Row> out = new ArrayList<>();
        int seq = 1;
        int next = 0;
        long boundary = Long.MIN_VALUE;
        while (next < events.size()) {
            // The first half-hour boundary at or after the next trade: the wallet was active in that slot.
            long t = nextTradeTime(events, next);
            if (t == Long.MAX_VALUE) {
                break;
            }
            boundary = Math.max(boundary + FEATURE_CADENCE, spec.startMicros()
                    + Math.floorDiv(t - spec.startMicros() + FEATURE_CADENCE - 1, FEATURE_CADENCE) * FEATURE_CADENCE);
            while (next < events.size() && events.get(next).time() <= boundary) {
                WalletEvents.apply(events.get(next++), entries, state);
            }
            long knownAt = RawSnapshots.stamp(boundary + (long) (r.uniform(30, 120) * WorldSpec.SECOND));
            if (knownAt > spec.nowMicros()) {
                break;
            }
            out.add(features(state, r, knownAt, seq++, wallet));
        }
        return out.iterator();
    }

    private static long nextTradeTime(List<WalletEvents.Event> events, int from) {
        for (int i = from; i < events.size(); i++) {
            WalletEvents.Type type = events.get(i).type();
            if (type == WalletEvents.Type.BUY || type == WalletEvents.Type.SELL) {
                return events.get(i).time();
            }
        }
        return Long.MAX_VALUE;
    }

    /** The pre-span summary rows of a wallet with history (empty for new wallets). */
    List<Row> historyRows(int wallet) {
        List<Row> out = new ArrayList<>();
        if (!wallets.hasHistory(wallet)) {
            return out;
        }
        long knownAt = RawSnapshots.stamp(wallets.historyKnownAt[wallet]);
        WalletHistoryState state = new WalletHistoryState(wallets.history[wallet]);
        out.add(snapshot(state, knownAt, 0, wallet));
        return out;
    }

    List<Row> historyFeatureRows(int wallet) {
        List<Row> out = new ArrayList<>();
        if (!wallets.hasHistory(wallet)) {
            return out;
        }
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, wallet * 8L + 2);
        long knownAt = RawSnapshots.stamp(wallets.historyKnownAt[wallet] + (long) (r.uniform(30, 1800) * WorldSpec.SECOND));
        out.add(features(new WalletHistoryState(wallets.history[wallet]), r, knownAt, 0, wallet));
        return out;
    }

    private Row snapshot(WalletHistoryState s, long knownAt, int seq, int wallet) {
        return snapshotRow.values().set("alpha_score", s.alphaScore())
                .set("wallet_graduation_rate", s.graduationRate())
                .set("wallet_avg_buy_rank", s.avgBuyRank())
                .set("wallet_trades_at", s.tradesKnown())
                .row(knownAt, seq, wallets.ids[wallet]);
    }

    private Row features(WalletHistoryState s, Rng r, long knownAt, int seq, int wallet) {
        int n = s.totalEntries();
        Double under60 = s.pctUnder60();
        Double follow = s.followShare();
        Double isBot = n < 3 || under60 == null ? null : (n >= 10 && under60 >= 0.5 ? 1.0 : 0.0);
        Double isCopy = n < 3 || follow == null ? null : (follow >= 0.45 ? 1.0 : 0.0);
        return featureRow.values().set("tokens_traded", s.tokensTraded())
                .set("pct_top10_entries", s.pctTop10())
                .set("avg_seconds_after_creation", s.avgSecondsAfterCreation())
                .set("pct_buys_under_60s", under60)
                .set("pct_buys_under_300s", s.pctUnder300())
                .set("avg_sol_per_buy", s.avgSol())
                .set("median_sol_per_buy", s.medianSol())
                .set("sol_size_stddev", s.solStddev())
                .set("max_single_buy", s.maxSol())
                .set("is_bot", isBot)
                .set("is_copy_trader", isCopy)
                .set("wash_trade_pct", WalletPopulation.clamp01(wallets.washShare[wallet] + r.normal(0, 0.02)))
                .set("avg_hold_seconds", s.avgHold())
                .set("pct_sold_within_5m", s.pctSoldWithin5m())
                .set("win_rate_2x", s.winRate2x())
                .row(knownAt, seq, wallets.ids[wallet]);
    }
}
