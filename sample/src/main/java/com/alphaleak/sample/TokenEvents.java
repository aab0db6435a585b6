package com.alphaleak.sample;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static com.alphaleak.sample.SignalEvents.field;

/**
 * The simulator's internal token stream: one row per token with its genesis window and outcome
 * (when the watcher saw it), what creator stats need (launch, observed insider and bot-buyer
 * shares, 1 h peak from launch, lifetime, resolution) and what the market regime needs
 * (graduation instant, SOL volume per 5-minute bucket). Times are epoch micros.
 */
final class TokenEvents {
    private TokenEvents() {}

    static final String TOKEN = "token";
    static final String TOKEN_INDEX = "token_index";
    static final String CREATOR = "creator";
    static final String CREATOR_INDEX = "creator_index";
    static final String CREATED = "created_us";
    static final String HAS_WINDOW = "has_window";
    static final String WINDOW_END = "window_end_us";
    static final String KNOWN_AT = "known_at_us";
    static final String ABORTED = "aborted";
    static final String FEATURES = "features";
    static final String ORACLE = "oracle";
    static final String ORACLE_NO_FORESIGHT = "oracle_no_foresight";
    static final String INSIDER = "insider_share";
    static final String BOT_BUYERS = "bot_buyer_share";
    static final String PEAK_1H = "launch_peak_1h";
    static final String LIFETIME = "lifetime_seconds";
    static final String RESOLUTION_KIND = "resolution_kind";
    static final String RESOLUTION_AT = "resolution_us";
    static final String GRADUATED_AT = "graduated_us";
    static final String VOLUME_BUCKETS = "volume_buckets";
    static final String VOLUME_MICRO_SOL = "volume_micro_sol";

    /** Market volume is aggregated over 5-minute buckets of the span. */
    static final long VOLUME_BUCKET = 5 * WorldSpec.MINUTE;
    /** Mean SOL per trade, for volume. */
    private static final double SOL_PER_TRADE = 0.45;

    static final StructType SCHEMA = schema();

    private static StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(field(TOKEN, DataTypes.StringType, false));
        f.add(field(TOKEN_INDEX, DataTypes.IntegerType, false));
        f.add(field(CREATOR, DataTypes.StringType, false));
        f.add(field(CREATOR_INDEX, DataTypes.IntegerType, false));
        f.add(field(CREATED, DataTypes.LongType, false));
        f.add(field(HAS_WINDOW, DataTypes.BooleanType, false));
        f.add(field(WINDOW_END, DataTypes.LongType, true));
        f.add(field(KNOWN_AT, DataTypes.LongType, true));
        f.add(field(ABORTED, DataTypes.BooleanType, true));
        f.add(field(FEATURES, DataTypes.createArrayType(DataTypes.DoubleType, false), true));
        OutcomeColumns.addTo(f);
        f.add(field(ORACLE, DataTypes.createArrayType(DataTypes.DoubleType, false), true));
        f.add(field(ORACLE_NO_FORESIGHT, DataTypes.createArrayType(DataTypes.DoubleType, false), true));
        f.add(field(INSIDER, DataTypes.DoubleType, false));
        f.add(field(BOT_BUYERS, DataTypes.DoubleType, false));
        f.add(field(PEAK_1H, DataTypes.DoubleType, false));
        f.add(field(LIFETIME, DataTypes.DoubleType, false));
        f.add(field(RESOLUTION_KIND, DataTypes.IntegerType, false));
        f.add(field(RESOLUTION_AT, DataTypes.LongType, false));
        f.add(field(GRADUATED_AT, DataTypes.LongType, true));
        f.add(field(VOLUME_BUCKETS, DataTypes.createArrayType(DataTypes.IntegerType, false), false));
        f.add(field(VOLUME_MICRO_SOL, DataTypes.createArrayType(DataTypes.LongType, false), false));
        return DataTypes.createStructType(f);
    }

    static Row row(TokenLife life, GenesisWindow window, TokenSimulator sim) {
        WorldSpec spec = sim.spec;
        List<Object> v = new ArrayList<>(SCHEMA.size());
        v.add(life.id);
        v.add(life.index);
        v.add(sim.creators.ids[life.creator]);
        v.add(life.creator);
        v.add(life.createdMicros);
        v.add(window != null);
        v.add(window == null ? null : life.createdMicros + window.windowEndOffset());
        v.add(window == null ? null : window.knownAtMicros());
        v.add(window == null ? null : window.aborted());
        v.add(window == null ? null : window.features());
        if (window == null) {
            v.add(true);
            for (int k = 0; k < 1 + 2 * Horizons.count(); k++) {
                v.add(null);
            }
            v.add(null);
            v.add(null);
        } else {
            OutcomeColumns.values(window.outcome(), spec.nowMicros(), v);
            v.add(window.outcome().oracle());
            // Computed here, not in the simulation: only this stream writes it, and every stream re-simulates.
            v.add(ForesightFreeOracle.probabilities(life.latents, sim.targets, window.outcome().startMicros() - life.createdMicros));
        }
        Rng r = Rng.of(spec.seed(), Rng.Stream.TOKEN_REPORTING, life.index);
        double[] view = GenesisWindowBuilder.creatorView(window, r, sim.creators.insiderShare[life.creator]);
        v.add(view[0]);
        v.add(view[1]);
        PricePath path = life.path;
        // Creator stats read these when the launch resolves: a graduate's later life is not known yet.
        long measuredTo = life.graduated() ? Math.min(WorldSpec.HOUR, life.graduationOffset) : WorldSpec.HOUR;
        v.add(Math.exp(path.runningMax(path.floorIndex(measuredTo)) - path.logPriceAt(0)));
        v.add((life.graduated() ? life.graduationOffset : life.latents.tradingEnd()) / (double) WorldSpec.SECOND);
        TokenLife.Resolution resolution = life.resolution();
        v.add(resolution.kind().ordinal());
        v.add(resolution.knownAtMicros());
        long graduatedAt = life.createdMicros + life.graduationOffset;
        v.add(life.graduated() && graduatedAt <= spec.nowMicros() ? graduatedAt : null);
        addVolume(life, spec, v);
        return RowFactory.create(v.toArray());
    }

    /** SOL traded on the token per 5-minute bucket of the span, in micro-SOL (integers sum exactly in any order). */
    private static void addVolume(TokenLife life, WorldSpec spec, List<Object> v) {
        long end = Math.min(life.createdMicros + life.latents.tradingEnd(), spec.nowMicros());
        List<Integer> buckets = new ArrayList<>();
        List<Long> volumes = new ArrayList<>();
        long from = life.createdMicros;
        while (from < end) {
            int bucket = (int) ((from - spec.startMicros()) / VOLUME_BUCKET);
            long to = Math.min(end, spec.startMicros() + (bucket + 1L) * VOLUME_BUCKET);
            double trades = 1.35 * (life.latents.cumulativeBuys(to - life.createdMicros)
                    - life.latents.cumulativeBuys(from - life.createdMicros));
            long micro = Math.round(trades * SOL_PER_TRADE * 1e6);
            if (micro > 0) {
                buckets.add(bucket);
                volumes.add(micro);
            }
            from = to;
        }
        v.add(buckets.stream().mapToInt(Integer::intValue).toArray());
        v.add(volumes.stream().mapToLong(Long::longValue).toArray());
    }
}
