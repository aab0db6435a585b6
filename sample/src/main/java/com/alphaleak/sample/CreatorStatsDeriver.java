package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Derives creator_stats: one write on every launch, every close of a launch's first minute and
 * every resolution (graduation, rug, death) of a creator's tokens, seconds after it, from what is
 * known by then. A rug therefore raises the rug rate only in writes after it, and a launch's
 * insider and bot-buyer shares (observed over its first 60 seconds) only in writes after that
 * minute: a signal in a token's first minute must not see its own token's early buyers through
 * the creator's stats. Creators with history get one row summarising it before the span; new
 * creators have none.
 */
final class CreatorStatsDeriver implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String[] COLUMNS = {TokenEvents.TOKEN_INDEX, TokenEvents.CREATED, TokenEvents.INSIDER,
            TokenEvents.BOT_BUYERS, TokenEvents.PEAK_1H, TokenEvents.LIFETIME, TokenEvents.RESOLUTION_KIND,
            TokenEvents.RESOLUTION_AT};
    /** Launch histories weigh at most this many launches in blended means. */
    private static final int HISTORY_WEIGHT_CAP = 20;
    private static final double BASE_RUG_RATE = 0.15;
    /** The median lifetime is taken over the most recent resolved launches (bounded work for serial launchers). */
    private static final int MEDIAN_WINDOW = 200;

    private final WorldSpec spec;
    private final CreatorPopulation creators;
    private final RawRowBuilder layout = new RawRowBuilder(Contracts.CREATOR_STATS);

    CreatorStatsDeriver(WorldSpec spec, CreatorPopulation creators) {
        this.spec = spec;
        this.creators = creators;
    }

    static Column[] columns() {
        return Arrays.stream(COLUMNS).map(c -> col(c)).toArray(Column[]::new);
    }

    private record Launch(int token, long created, double insider, double botBuyers, double peak, double lifetime,
                          TokenLife.Resolution.Kind kind, long resolvedAt) {}

    /** In this order at equal times. */
    private enum Kind { LAUNCH, FIRST_MINUTE, RESOLUTION }

    private record Event(long time, Kind kind, int launch) {}

    Iterator<Row> stats(int creator, Iterator<Row> rows) {
        List<Launch> launches = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            launches.add(new Launch(r.getInt(0), r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                    r.getDouble(5), TokenLife.Resolution.Kind.values()[r.getInt(6)], r.getLong(7)));
        }
        launches.sort((a, b) -> a.created != b.created ? Long.compare(a.created, b.created) : Integer.compare(a.token, b.token));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < launches.size(); i++) {
            long created = launches.get(i).created();
            events.add(new Event(created, Kind.LAUNCH, i));
            if (created + TokenSimulator.GENESIS_WINDOW <= spec.nowMicros()) {
                events.add(new Event(created + TokenSimulator.GENESIS_WINDOW, Kind.FIRST_MINUTE, i));
            }
            if (launches.get(i).resolvedAt() <= spec.nowMicros()) {
                events.add(new Event(launches.get(i).resolvedAt(), Kind.RESOLUTION, i));
            }
        }
        events.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                : a.kind != b.kind ? a.kind.compareTo(b.kind) : Integer.compare(a.launch, b.launch));

        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, creator * 8L + 5);
        State s = new State();
        List<Row> out = new ArrayList<>();
        int seq = 1;
        for (Event e : events) {
            Launch l = launches.get(e.launch());
            switch (e.kind()) {
                case LAUNCH -> s.launch();
                case FIRST_MINUTE -> s.observe(l);
                case RESOLUTION -> s.resolve(l);
            }
            long knownAt = RawSnapshots.stamp(e.time() + (long) (r.uniform(1, 10) * WorldSpec.SECOND));
            if (knownAt <= spec.nowMicros()) {
                out.add(row(creator, s, e.time(), launches, knownAt, seq++, r));
            }
        }
        return out.iterator();
    }

    /** Pre-span summary of a creator with history (empty for new creators). */
    List<Row> historyRows(int creator) {
        List<Row> out = new ArrayList<>();
        if (creators.historyKnownAt[creator] == 0) {
            return out;
        }
        Rng r = Rng.of(spec.seed(), Rng.Stream.SNAPSHOT_DELAYS, creator * 8L + 6);
        long knownAt = RawSnapshots.stamp(creators.historyKnownAt[creator]);
        out.add(row(creator, new State(), knownAt, List.of(), knownAt, 0, r));
        return out;
    }

    private Row row(int creator, State s, long at, List<Launch> launches, long knownAt, int seq, Rng r) {
        CreatorPopulation.CreatorHistory h = creators.history[creator];
        int recent = launchesUpTo(launches, at) - launchesUpTo(launches, at - WorldSpec.DAY);
        int resolved = h.resolved() + s.resolved;
        Double rugRate = resolved == 0 ? null : (h.rugged() + s.rugged) / (double) resolved;
        Double gradRate = resolved == 0 ? null : (h.graduated() + s.graduated) / (double) resolved;
        double w0 = Math.min(h.launches(), HISTORY_WEIGHT_CAP);
        // Shares of the launches whose first minute is over (the one just launched is not, yet).
        double insider = (w0 * h.meanInsiderShare() + s.insiderSum) / Math.max(1e-9, w0 + s.observed);
        double botBuyers = (w0 * h.meanBotBuyerShare() + s.botBuyerSum) / Math.max(1e-9, w0 + s.observed);
        double shrunkRug = (h.rugged() + s.rugged + 2 * BASE_RUG_RATE) / (resolved + 2.0);
        double risk = Math.min(100, Math.max(0, 100 * (0.6 * shrunkRug + 0.3 * insider + 0.1 * botBuyers) + r.normal(0, 3)));
        double wResolved = Math.min(h.resolved(), HISTORY_WEIGHT_CAP);
        Double avgPeak = wResolved + s.resolved == 0 ? null
                : (wResolved * h.meanPeakMultiple() + s.peakSum) / (wResolved + s.resolved);
        Double medianLifetime = null;
        if (s.lifetimes.size() >= 3 || (h.resolved() == 0 && !s.lifetimes.isEmpty())) {
            medianLifetime = median(s.lifetimes);
        } else if (h.resolved() > 0) {
            medianLifetime = h.medianLifetimeSeconds();
        }
        return layout.values()
                .set("creator_tokens_launched", (double) (h.launches() + s.launched))
                .set("creator_rug_rate", rugRate)
                .set("creator_graduation_rate", gradRate)
                .set("creator_insider_share", h.launches() + s.observed == 0 ? null : insider)
                .set("creator_bot_buyer_share", h.launches() + s.observed == 0 ? null : botBuyers)
                .set("creator_launch_velocity_24h", (double) recent)
                .set("creator_risk_score", Math.round(risk * 10) / 10.0)
                .set("creator_avg_peak_multiple", avgPeak)
                .set("creator_median_lifetime_seconds", medianLifetime)
                .set("creator_wallet_age_days", (at - creators.birthMicros[creator]) / (double) WorldSpec.DAY)
                .row(knownAt, seq, creators.ids[creator]);
    }

    /** Launches created at or before the instant (launches are sorted by creation). */
    private static int launchesUpTo(List<Launch> launches, long at) {
        int lo = 0;
        int hi = launches.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (launches.get(mid).created() <= at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** Counters of in-span launches and resolutions known so far. */
    private static final class State {
        int launched;
        /** Launches whose first minute (insider and bot-buyer shares) is over. */
        int observed;
        int resolved;
        int rugged;
        int graduated;
        double insiderSum;
        double botBuyerSum;
        double peakSum;
        final List<Double> lifetimes = new ArrayList<>();

        void launch() {
            launched++;
        }

        void observe(Launch l) {
            observed++;
            insiderSum += l.insider();
            botBuyerSum += l.botBuyers();
        }

        void resolve(Launch l) {
            resolved++;
            rugged += l.kind() == TokenLife.Resolution.Kind.RUGGED ? 1 : 0;
            graduated += l.kind() == TokenLife.Resolution.Kind.GRADUATED ? 1 : 0;
            peakSum += l.peak();
            lifetimes.add(l.lifetime());
            if (lifetimes.size() > MEDIAN_WINDOW) {
                lifetimes.remove(0);
            }
        }
    }
}
