package com.alphaleak.sample;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * One buy of a wallet as its history derivations see it: the trade, its exit, when its token's
 * fate became known and when its 1 h outcome was observed. Parsed from {@link #COLUMNS} of the
 * signal event stream.
 */
final class WalletEntry {
    static final String[] COLUMNS = {SignalEvents.SIGNAL_ID, SignalEvents.SIGNAL_TIME, SignalEvents.TOKEN_INDEX,
            SignalEvents.CREATED, SignalEvents.BUY_RANK, SignalEvents.SOL, SignalEvents.HOLD, SignalEvents.FOLLOWED,
            SignalEvents.RESOLUTION_KIND, SignalEvents.RESOLUTION_AT, "peak_multiple_1h", "observed_at_1h_us",
            SignalEvents.PARTNERS, SignalEvents.PARTNER_TIMES, SignalEvents.PARTNER_LATER, SignalEvents.WALLET_INDEX,
            SignalEvents.CLUSTER};

    String signalId;
    long time;
    int token;
    long created;
    int rank;
    double sol;
    long exit;
    boolean followed;
    TokenLife.Resolution.Kind resolution;
    long resolvedAt;
    /** 1 h outcome: observed instant (Long.MAX_VALUE when never observed by now) and whether it reached 2x. */
    long outcomeAt;
    boolean win;
    int[] partners;
    long[] partnerTimes;
    boolean[] partnerLater;
    int cluster;

    static Column[] columns() {
        Column[] c = new Column[COLUMNS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = col(COLUMNS[i]);
        }
        return c;
    }

    /** The wallet's entries, in time order (signal id breaks ties so the order never depends on Spark). */
    static List<WalletEntry> parse(Iterator<Row> rows) {
        List<WalletEntry> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            WalletEntry e = new WalletEntry();
            e.signalId = r.getString(0);
            e.time = r.getLong(1);
            e.token = r.getInt(2);
            e.created = r.getLong(3);
            e.rank = r.getInt(4);
            e.sol = r.getDouble(5);
            e.exit = e.time + (long) (r.getDouble(6) * WorldSpec.SECOND);
            e.followed = r.getBoolean(7);
            e.resolution = TokenLife.Resolution.Kind.values()[r.getInt(8)];
            e.resolvedAt = r.getLong(9);
            boolean observed = !r.isNullAt(11);
            e.outcomeAt = observed ? r.getLong(11) : Long.MAX_VALUE;
            e.win = observed && r.getDouble(10) >= 2.0;
            List<Integer> partners = r.getList(12);
            List<Long> times = r.getList(13);
            List<Boolean> later = r.getList(14);
            e.partners = partners.stream().mapToInt(Integer::intValue).toArray();
            e.partnerTimes = times.stream().mapToLong(Long::longValue).toArray();
            e.partnerLater = new boolean[later.size()];
            for (int i = 0; i < e.partnerLater.length; i++) {
                e.partnerLater[i] = later.get(i);
            }
            e.cluster = r.getInt(16);
            out.add(e);
        }
        out.sort((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : a.signalId.compareTo(b.signalId));
        return out;
    }

    double secondsAfterCreation() {
        return (time - created) / (double) WorldSpec.SECOND;
    }

    double holdSeconds() {
        return (exit - time) / (double) WorldSpec.SECOND;
    }
}
