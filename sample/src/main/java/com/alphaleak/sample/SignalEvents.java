package com.alphaleak.sample;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's internal signal event stream: one row per signal with everything the output
 * tables are cut from (signal fields, the outcome as observed by "now", oracle probabilities) and
 * what the context derivations need (wallet and token indices, hold time, how the token
 * resolved, co-buying partners). Times are epoch micros.
 */
final class SignalEvents {
    private SignalEvents() {}

    static final String SIGNAL_ID = "signal_id";
    static final String WALLET = "wallet";
    static final String TOKEN = "token";
    static final String CREATOR = "creator";
    static final String SIGNAL_TIME = "signal_time_us";
    static final String BUY_RANK = "buy_rank";
    static final String SOL = "sol_amount";
    static final String AGE = "token_age_seconds";
    static final String VELOCITY_60 = "buy_velocity_60s";
    static final String VELOCITY_300 = "buy_velocity_300s";
    static final String RULE_SCORE = "rule_score";
    static final String CROWDING = "crowding_ratio";
    static final String TRACKED = "tracked_wallets_in_token";
    static final String WALLET_INDEX = "wallet_index";
    static final String TOKEN_INDEX = "token_index";
    static final String CREATED = "created_us";
    static final String HOLD = "hold_seconds";
    static final String FOLLOWED = "followed";
    static final String RESOLUTION_KIND = "resolution_kind";
    static final String RESOLUTION_AT = "resolution_us";
    static final String PARTNERS = "partners";
    static final String PARTNER_TIMES = "partner_times_us";
    static final String PARTNER_LATER = "partner_later";
    static final String ORACLE = "oracle";
    static final String ORACLE_NO_FORESIGHT = "oracle_no_foresight";
    static final String CLUSTER = "wallet_cluster";

    static final StructType SCHEMA = schema();

    private static StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(field(SIGNAL_ID, DataTypes.StringType, false));
        f.add(field(WALLET, DataTypes.StringType, false));
        f.add(field(TOKEN, DataTypes.StringType, false));
        f.add(field(CREATOR, DataTypes.StringType, false));
        f.add(field(SIGNAL_TIME, DataTypes.LongType, false));
        f.add(field(BUY_RANK, DataTypes.IntegerType, false));
        f.add(field(SOL, DataTypes.DoubleType, false));
        f.add(field(AGE, DataTypes.DoubleType, false));
        f.add(field(VELOCITY_60, DataTypes.DoubleType, false));
        f.add(field(VELOCITY_300, DataTypes.DoubleType, false));
        f.add(field(RULE_SCORE, DataTypes.DoubleType, true));
        f.add(field(CROWDING, DataTypes.DoubleType, true));
        f.add(field(TRACKED, DataTypes.IntegerType, false));
        OutcomeColumns.addTo(f);
        f.add(field(ORACLE, DataTypes.createArrayType(DataTypes.DoubleType, false), false));
        f.add(field(ORACLE_NO_FORESIGHT, DataTypes.createArrayType(DataTypes.DoubleType, false), false));
        f.add(field(WALLET_INDEX, DataTypes.IntegerType, false));
        f.add(field(TOKEN_INDEX, DataTypes.IntegerType, false));
        f.add(field(CREATED, DataTypes.LongType, false));
        f.add(field(HOLD, DataTypes.DoubleType, false));
        f.add(field(FOLLOWED, DataTypes.BooleanType, false));
        f.add(field(RESOLUTION_KIND, DataTypes.IntegerType, false));
        f.add(field(RESOLUTION_AT, DataTypes.LongType, false));
        f.add(field(PARTNERS, DataTypes.createArrayType(DataTypes.IntegerType, false), false));
        f.add(field(PARTNER_TIMES, DataTypes.createArrayType(DataTypes.LongType, false), false));
        f.add(field(PARTNER_LATER, DataTypes.createArrayType(DataTypes.BooleanType, false), false));
        f.add(field(CLUSTER, DataTypes.IntegerType, false));
        return DataTypes.createStructType(f);
    }

    static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    /** Rows of every signal of a simulated token. */
    static void rows(TokenLife life, TokenSimulator sim, List<Row> out) {
        TokenLife.Resolution resolution = life.resolution();
        String creator = sim.creators.ids[life.creator];
        long now = sim.spec.nowMicros();
        for (SimSignal s : life.signals) {
            List<Object> v = new ArrayList<>(SCHEMA.size());
            v.add(s.id);
            v.add(sim.wallets.ids[s.wallet]);
            v.add(life.id);
            v.add(creator);
            v.add(s.timeMicros(life.createdMicros));
            v.add(s.buyRank);
            v.add(s.sol);
            v.add(s.offset / (double) WorldSpec.SECOND);
            v.add(s.velocity60);
            v.add(s.velocity300);
            v.add(s.ruleScore);
            v.add(s.crowding);
            v.add(s.trackedBefore);
            OutcomeColumns.values(s.outcome, now, v);
            v.add(s.outcome.oracle());
            // Computed here, not in the simulation: only this stream writes it, and every stream re-simulates.
            v.add(ForesightFreeOracle.probabilities(life.latents, sim.targets, s.offset));
            v.add(s.wallet);
            v.add(life.index);
            v.add(life.createdMicros);
            v.add(s.holdSeconds);
            v.add(s.followed);
            v.add(resolution.kind().ordinal());
            v.add(resolution.knownAtMicros());
            v.add(s.partners);
            long[] times = new long[s.partnerOffsets.length];
            for (int p = 0; p < times.length; p++) {
                times[p] = life.createdMicros + s.partnerOffsets[p];
            }
            v.add(times);
            v.add(s.partnerLater);
            v.add(sim.wallets.detectedCluster[s.wallet]);
            out.add(RowFactory.create(v.toArray()));
        }
    }
}
