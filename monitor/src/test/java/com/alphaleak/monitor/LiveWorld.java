package com.alphaleak.monitor;

import com.alphaleak.config.MonitorConfig;
import com.alphaleak.model.ModelSidecar;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded live world for one model: signals scored by a model that is exactly calibrated before
 * {@code shiftAt} and stale after it.
 *
 * <p>Each signal has a latent quality q (95 % ordinary, q ~ N(0, 1); 5 % from skilled wallets,
 * q ~ N(2.6, 0.7)). The model's calibrated probability is {@code sigmoid(-3.4 + 1.5 q)} (base
 * rate about 8.5 %, about 1 % of signals at p >= 0.8). Labels are drawn from the true
 * probability: the same before the shift; after it {@code sigmoid(-3.4 + 1.5 q + calibrationShift)}
 * (the market got harder, the model did not notice). With {@code featureShift}, market-regime
 * features move after the shift too (launch rate x1.6, SOL volume x0.7), as in the sample world's
 * regime shift. Outcomes mature 1 h (the target's horizon) plus up to 5 min after scoring;
 * 0.5 % are never observed.
 *
 * <p>Features: {@code alpha_score} (noisy view of q), {@code wallet_graduation_rate} (20 %
 * missing: new wallets), {@code sol_amount} (log-normal), {@code token_creation_rate_1h} and
 * {@code sol_volume_1h} (market regime).
 */
public final class LiveWorld {
    public static final String MODEL = "reach_2x_1h-20260101";
    public static final String TARGET = "reach_2x_1h";
    public static final List<String> FEATURES = List.of("alpha_score", "wallet_graduation_rate", "sol_amount",
            "token_creation_rate_1h", "sol_volume_1h");
    static final double A = -3.4, B = 1.5;

    public record Spec(long seed, Instant start, int days, int signalsPerDay, Instant shiftAt, double calibrationShift,
                       boolean featureShift) {
        public static Spec stable(long seed, int days, int perDay) {
            return new Spec(seed, START, days, perDay, null, 0, false);
        }

        public Spec shifted(Instant at, double calibrationShift, boolean featureShift) {
            return new Spec(seed, start, days, signalsPerDay, at, calibrationShift, featureShift);
        }
    }

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    final Spec spec;
    final int n;
    final String[] ids;
    final long[] scoredAt;
    final double[] p;
    final int[] label;
    /** Long.MAX_VALUE = outcome never observed. */
    final long[] maturedAt;
    final double[][] features;

    private LiveWorld(Spec spec, int n) {
        this.spec = spec;
        this.n = n;
        ids = new String[n];
        scoredAt = new long[n];
        p = new double[n];
        label = new int[n];
        maturedAt = new long[n];
        features = new double[FEATURES.size()][n];
    }

    public static LiveWorld generate(Spec spec) {
        SplittableRandom r = new SplittableRandom(spec.seed());
        int n = spec.days() * spec.signalsPerDay();
        LiveWorld w = new LiveWorld(spec, n);
        long start = spec.start().toEpochMilli();
        long span = Duration.ofDays(spec.days()).toMillis();
        long[] times = new long[n];
        for (int i = 0; i < n; i++) times[i] = start + (long) (r.nextDouble() * span);
        Arrays.sort(times);
        long shift = spec.shiftAt() == null ? Long.MAX_VALUE : spec.shiftAt().toEpochMilli();
        for (int i = 0; i < n; i++) {
            boolean after = times[i] >= shift;
            boolean skilled = r.nextDouble() < 0.05;
            double q = skilled ? 2.6 + 0.7 * gauss(r) : gauss(r);
            double logit = A + B * q;
            w.ids[i] = "sig-" + spec.seed() + "-" + i;
            w.scoredAt[i] = times[i];
            w.p[i] = sigmoid(logit);
            double truth = sigmoid(logit + (after ? spec.calibrationShift() : 0));
            w.label[i] = r.nextDouble() < truth ? 1 : 0;
            w.maturedAt[i] = r.nextDouble() < 0.005 ? Long.MAX_VALUE
                    : times[i] + Duration.ofHours(1).toMillis() + (long) (r.nextDouble() * 300_000);
            boolean drift = after && spec.featureShift();
            w.features[0][i] = 50 + 12 * q + 8 * gauss(r);
            w.features[1][i] = r.nextDouble() < 0.2 ? Double.NaN : 1 / (1 + Math.exp(-(0.5 * q - 1 + 0.8 * gauss(r))));
            w.features[2][i] = Math.exp(0.3 * gauss(r) - 0.5 + 0.1 * q);
            w.features[3][i] = (drift ? 160 : 100) * Math.exp(0.1 * gauss(r));
            w.features[4][i] = (drift ? 0.7 : 1.0) * 5000 * Math.exp(0.15 * gauss(r));
        }
        return w;
    }

    private static double gauss(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    public Instant day(double d) {
        return spec.start().plusMillis((long) (d * 86_400_000L));
    }

    /**
     * A sidecar as training would write it: training histograms (decile edges, 10 bins) of each
     * feature over signals in [from, to), the PR-AUC of the calibrated probability on [from, to).
     */
    public ModelSidecar sidecar(Instant from, Instant to) {
        List<ModelSidecar.FeatureDistribution> dists = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) if (scoredAt[i] >= from.toEpochMilli() && scoredAt[i] < to.toEpochMilli()) rows.add(i);
        for (int f = 0; f < FEATURES.size(); f++) {
            double[] vals = new double[rows.size()];
            int k = 0;
            long missing = 0;
            for (int i : rows) {
                double v = features[f][i];
                if (Double.isNaN(v)) missing++; else vals[k++] = v;
            }
            double[] present = Arrays.copyOf(vals, k);
            Arrays.sort(present);
            List<Double> edges = new ArrayList<>();
            for (int d = 1; d < 10; d++) {
                double e = present[(int) Math.floor(d * (present.length - 1) / 10.0)];
                if (edges.isEmpty() || e > edges.get(edges.size() - 1)) edges.add(e);
            }
            long[] counts = new long[edges.size() + 1];
            for (double v : present) counts[PopulationStabilityIndex.bucketOf(edges, v) - 1]++;
            List<Double> fractions = new ArrayList<>();
            for (long c : counts) fractions.add((double) c / present.length);
            dists.add(new ModelSidecar.FeatureDistribution(FEATURES.get(f), edges, fractions, (double) missing / rows.size()));
        }
        double[] ps = rows.stream().mapToDouble(i -> p[i]).toArray();
        int[] ys = rows.stream().mapToInt(i -> label[i]).toArray();
        double ap = com.alphaleak.metrics.AveragePrecision.of(ps, ys);
        double base = Arrays.stream(ys).average().orElse(0);
        return new ModelSidecar(ModelSidecar.SCHEMA_VERSION, MODEL, TARGET, ModelSidecar.KIND_STANDARD, "signal_v1", "signal_v1",
                FEATURES, null, List.of("margin", "probability", "calibrated_probability"), null,
                new ModelSidecar.Metrics(ap, 0.8, ap, 0.8, base, ap, null), null, dists, null, null, "test", "2026-01-01T00:00:00Z", "test");
    }

    /** The Java path of the monitor's slot aggregation: what {@link SlotCollector} computes in Spark. */
    public SlotData[] slots(RollingWindows w, Instant asOf, List<ModelSidecar.FeatureDistribution> dists) {
        SlotData[] slots = new SlotData[w.slots()];
        for (int i = 0; i < slots.length; i++) slots[i] = new SlotData();
        long at = asOf.toEpochMilli();
        for (int i = 0; i < n; i++) {
            if (scoredAt[i] >= at) continue;
            int s = w.slotOfMillis(scoredAt[i]);
            if (s < 0) continue;
            slots[s].addScored(1);
            if (maturedAt[i] <= at) slots[s].addMatured(p[i], label[i]); else slots[s].addUnmatured(1);
            for (ModelSidecar.FeatureDistribution d : dists) {
                int f = FEATURES.indexOf(d.feature());
                slots[s].addBucket(d.feature(), d.fractions().size() + 1, PopulationStabilityIndex.bucketOf(d.edges(), features[f][i]), 1);
            }
        }
        return slots;
    }

    /** The Java path of one monitor run (what {@link ModelMonitor} does per model). */
    public ModelReport monitor(Instant asOf, ModelContext ctx, MonitorConfig cfg) {
        Duration lag = ModelMonitor.horizon(TARGET).plus(cfg.maturityGrace());
        RollingWindows w = RollingWindows.ending(asOf.minus(lag), cfg.window(), cfg.step(), cfg.windows());
        List<ModelSidecar.FeatureDistribution> dists = ctx.sidecar() == null ? List.of() : ctx.sidecar().featureDistributions();
        return ModelReport.evaluate(ctx, w, slots(w, asOf, dists), cfg, FEATURES, List.of());
    }

    /** Alert bands from the signals in [from, to) as a backtest (all labels known). */
    public AlertBands bands(Instant from, Instant to, MonitorConfig cfg) {
        RollingWindows w = RollingWindows.covering(from, to, cfg.window(), cfg.step());
        SlotData[] slots = new SlotData[w.slots()];
        for (int i = 0; i < slots.length; i++) slots[i] = new SlotData();
        for (int i = 0; i < n; i++) {
            if (scoredAt[i] < from.toEpochMilli() || scoredAt[i] >= to.toEpochMilli()) continue;
            int s = w.slotOfMillis(scoredAt[i]);
            if (s < 0) continue;
            slots[s].addScored(1);
            slots[s].addMatured(p[i], label[i]);
        }
        ModelContext plain = new ModelContext(MODEL, TARGET, null, null, null);
        List<WindowMetrics> ws = ModelReport.evaluate(plain, w, slots, cfg, List.of(), List.of()).windows();
        return AlertBands.fromWindows(MODEL, cfg.window().toString(), cfg.step().toString(), ws, cfg.bandK());
    }

    public static final StructType SCORED_SCHEMA = new StructType()
            .add("signal_id", DataTypes.StringType, false)
            .add("model_id", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("scored_at", DataTypes.TimestampType, false)
            .add("calibrated_probability", DataTypes.DoubleType, false)
            .add("alpha_score", DataTypes.DoubleType, true)
            .add("wallet_graduation_rate", DataTypes.DoubleType, true)
            .add("sol_amount", DataTypes.DoubleType, true)
            .add("token_creation_rate_1h", DataTypes.DoubleType, true)
            .add("sol_volume_1h", DataTypes.DoubleType, true);

    public static final StructType OUTCOME_SCHEMA = new StructType()
            .add("signal_id", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("matured_at", DataTypes.TimestampType, false);

    /** Scored signals as the live hosts write them (missing features as null). */
    /**
     * Writes the world where a monitor run finds it: live tables under {@code workDir/live}, the
     * backtest (days 10-14) under {@code workDir/backtest}, and the model (trained on days 0-10)
     * published to the store at {@code workDir/published} (the default {@code publish.root}), since
     * the monitor reads what hosts serve.
     */
    public void writeTo(SparkSession spark, String workDir) throws Exception {
        scoredSignals(spark).repartition(2).write().format("delta").save(workDir + "/live/scored_signals");
        maturedOutcomes(spark).repartition(2).write().format("delta").save(workDir + "/live/matured_outcomes");
        backtest(spark, day(10), day(14)).write().format("delta").save(workDir + "/backtest");
        PublishedTestModels.publish(workDir + "/published", sidecar(day(0), day(10)));
    }

    public Dataset<Row> scoredSignals(SparkSession spark) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] v = new Object[5 + FEATURES.size()];
            v[0] = ids[i];
            v[1] = MODEL;
            v[2] = TARGET;
            v[3] = new Timestamp(scoredAt[i]);
            v[4] = p[i];
            for (int f = 0; f < FEATURES.size(); f++) v[5 + f] = Double.isNaN(features[f][i]) ? null : features[f][i];
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, SCORED_SCHEMA);
    }

    /** Every outcome that is ever observed (the monitor filters by matured_at itself). */
    public Dataset<Row> maturedOutcomes(SparkSession spark) {
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (maturedAt[i] == Long.MAX_VALUE) continue;
            rows.add(RowFactory.create(ids[i], TARGET, label[i], new Timestamp(maturedAt[i])));
        }
        return spark.createDataFrame(rows, OUTCOME_SCHEMA);
    }

    /** The backtest table: signals in [from, to) with labels. */
    public Dataset<Row> backtest(SparkSession spark, Instant from, Instant to) {
        StructType schema = new StructType().add("signal_id", DataTypes.StringType, false).add("model_id", DataTypes.StringType, false)
                .add("target", DataTypes.StringType, false).add("scored_at", DataTypes.TimestampType, false)
                .add("calibrated_probability", DataTypes.DoubleType, false).add("label", DataTypes.IntegerType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (scoredAt[i] < from.toEpochMilli() || scoredAt[i] >= to.toEpochMilli()) continue;
            rows.add(RowFactory.create(ids[i], MODEL, TARGET, new Timestamp(scoredAt[i]), p[i], label[i]));
        }
        return spark.createDataFrame(rows, schema);
    }
}
