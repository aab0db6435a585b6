package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Derives graph_scores: every hour, for each wallet that bought in that hour, co-buying scores
 * from the pairs seen so far (a pair becomes visible at the later of its two buys), and its
 * cluster's hourly activity and hit rate. Wallets with history get one row summarising it before
 * the span.
 */
final class GraphScoreDeriver implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long CADENCE = WorldSpec.HOUR;
    /** Pair score at or above which a co-buyer counts as a partner. */
    static final double PARTNER_FLOOR = 0.5;

    private final WorldSpec spec;
    private final WalletPopulation wallets;
    private final ClusterActivity clusters;
    private final RawRowBuilder layout = new RawRowBuilder(Contracts.GRAPH_SCORES);

    GraphScoreDeriver(WorldSpec spec, WalletPopulation wallets, ClusterActivity clusters) {
        this.spec = spec;
        this.wallets = wallets;
        this.clusters = clusters;
    }

    private record Pair(long time, int partner, boolean later) {}

    Iterator<Row> scores(int wallet, Iterator<Row> rows) {
        List<WalletEntry> entries = WalletEntry.parse(rows);
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, wallet * 8L + 3);
        List<Pair> pairs = new ArrayList<>();
        for (WalletEntry e : entries) {
            for (int p = 0; p < e.partners.length; p++) {
                pairs.add(new Pair(e.partnerTimes[p], e.partners[p], e.partnerLater[p]));
            }
        }
        pairs.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                : a.partner != b.partner ? Integer.compare(a.partner, b.partner) : Boolean.compare(a.later, b.later));
        Map<Integer, Integer> counts = new HashMap<>();
        int first = 0;
        int later = 0;
        int nextPair = 0;
        List<Row> out = new ArrayList<>();
        int seq = 1;
        int lastHour = -1;
        for (WalletEntry e : entries) {
            int hour = (int) Math.floorDiv(e.time - spec.startMicros() + CADENCE - 1, CADENCE);
            if (hour <= lastHour) {
                continue;
            }
            lastHour = hour;
            long boundary = spec.startMicros() + hour * CADENCE;
            while (nextPair < pairs.size() && pairs.get(nextPair).time() <= boundary) {
                Pair p = pairs.get(nextPair++);
                counts.merge(p.partner(), 1, Integer::sum);
                if (p.later()) {
                    later++;
                } else {
                    first++;
                }
            }
            long knownAt = RawSnapshots.stamp(boundary + (long) (r.uniform(60, 300) * WorldSpec.SECOND));
            if (knownAt > spec.nowMicros()) {
                break;
            }
            out.add(row(wallet, hour, counts, first, later, knownAt, seq++));
        }
        return out.iterator();
    }

    private Row row(int wallet, int hour, Map<Integer, Integer> counts, int first, int later, long knownAt, int seq) {
        WalletPopulation.WalletHistory h = wallets.history[wallet];
        double max = 0;
        double sum = 0;
        int partners = h.partners();
        for (int c : counts.values()) {
            double score = pairScore(c);
            max = Math.max(max, score);
            sum += score;
            partners += score >= PARTNER_FLOOR ? 1 : 0;
        }
        boolean anyPairs = !counts.isEmpty();
        int cluster = wallets.detectedCluster[wallet];
        // History counts as ten co-buys split by the wallet's habit of following.
        double priorWeight = h.entries() > 0 ? 10 : 0;
        double total = first + later + priorWeight;
        return layout.values()
                .set("cobuy_pair_score_max", anyPairs ? max : null)
                .set("cobuy_pair_score_mean", anyPairs ? sum / counts.size() : null)
                .set("cobuy_partners_count", anyPairs || h.entries() > 0 ? (double) partners : null)
                .set("cluster_score_1h", clusters.entriesInHourBefore(cluster, hour) / Math.sqrt(clusters.size[cluster]))
                .set("cluster_size", (double) clusters.size[cluster])
                .set("cluster_hit_rate", clusters.hitRateBefore(cluster, hour))
                .set("leader_score", total == 0 ? null : (first + priorWeight * (1 - h.followShare())) / total)
                .set("follower_score", total == 0 ? null : (later + priorWeight * h.followShare()) / total)
                .row(knownAt, seq, wallets.ids[wallet]);
    }

    /** Pre-span summary of a wallet with history (empty for new wallets). */
    List<Row> historyRows(int wallet) {
        List<Row> out = new ArrayList<>();
        if (!wallets.hasHistory(wallet)) {
            return out;
        }
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, wallet * 8L + 4);
        WalletPopulation.WalletHistory h = wallets.history[wallet];
        int cluster = wallets.detectedCluster[wallet];
        double max = pairScore(2 + h.partners() / 3);
        long knownAt = RawSnapshots.stamp(wallets.historyKnownAt[wallet] + (long) (r.uniform(0, 3600) * WorldSpec.SECOND));
        out.add(layout.values()
                .set("cobuy_pair_score_max", max)
                .set("cobuy_pair_score_mean", max * r.uniform(0.4, 0.8))
                .set("cobuy_partners_count", (double) h.partners())
                .set("cluster_score_1h", null)
                .set("cluster_size", (double) clusters.size[cluster])
                .set("cluster_hit_rate", null)
                .set("leader_score", 1 - h.followShare())
                .set("follower_score", h.followShare())
                .row(knownAt, 0, wallets.ids[wallet]));
        return out;
    }

    static double pairScore(int coBuys) {
        return 1 - Math.exp(-coBuys / 2.0);
    }
}
