package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.alphaleak.features.dataset.Frames.row;
import static com.alphaleak.features.dataset.SignalWorld.at;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A world where every wallet's {@code win_rate_2x} is refreshed after its signal's outcome is
 * known, and the refreshed value gives the outcome away. A "latest value per wallet" join picks up
 * the refreshed value and looks brilliant on validation; the point-in-time set must not.
 */
class PlantedLeakTest extends SharedSpark {
    private static final int WALLETS = 400;

    @Test
    void naiveLatestJoinLeaksTheOutcomeWhileThePointInTimeSetHoldsOnlyValuesKnownAtTheSignal() {
        Random rnd = new Random(7);
        SignalWorld w = new SignalWorld(new Frames(spark()));
        Map<String, Double> knownAtSignal = new HashMap<>();
        Map<String, Integer> label = new HashMap<>();
        for (int i = 0; i < WALLETS; i++) {
            String wallet = "w" + i;
            int minute = 5 * i;
            boolean hit = rnd.nextDouble() < 0.1;
            double honest = rnd.nextDouble();
            w.signal("s" + i, wallet, minute, hit ? 2.5 : 1.1);
            w.context(Contracts.WALLET_FEATURES, row("wallet", wallet, "known_at", at(minute - 30), "snapshot_id", 1L,
                    "win_rate_2x", honest));
            // Refreshed once the signal's token resolved: it now encodes the outcome.
            w.context(Contracts.WALLET_FEATURES, row("wallet", wallet, "known_at", at(minute + 61), "snapshot_id", 2L,
                    "win_rate_2x", hit ? 0.9 + rnd.nextDouble() * 0.1 : rnd.nextDouble() * 0.5));
            knownAtSignal.put("s" + i, honest);
            label.put("s" + i, hit ? 1 : 0);
        }
        TrainingSet set = w.builder().execute();

        Dataset<Row> features = new Frames(spark()).of(Contracts.WALLET_FEATURES, w.context.get(Contracts.WALLET_FEATURES));
        Dataset<Row> latest = features.withColumn("rn", row_number().over(Window.partitionBy("wallet").orderBy(desc("known_at"))))
                .filter("rn = 1").select(col("wallet"), col("win_rate_2x").as("naive_win_rate_2x"));
        List<Row> validation = set.data().filter("split = 'validation' and reach_2x_1h is not null")
                .join(latest, "wallet").select("signal_id", "win_rate_2x", "naive_win_rate_2x", "reach_2x_1h").collectAsList();

        List<Double> pit = new ArrayList<>();
        List<Double> naive = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Row r : validation) {
            assertEquals(knownAtSignal.get(r.getString(0)), r.getDouble(1), "signal " + r.getString(0) + " sees the value known when it fired");
            assertEquals(label.get(r.getString(0)), r.getInt(3));
            pit.add(r.getDouble(1));
            naive.add(r.getDouble(2));
            labels.add(r.getInt(3));
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double base = labels.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double naiveAp = AveragePrecision.of(naive.stream().mapToDouble(Double::doubleValue).toArray(), y);
        double pitAp = AveragePrecision.of(pit.stream().mapToDouble(Double::doubleValue).toArray(), y);
        assertTrue(validation.size() >= 70, "validation rows: " + validation.size());
        assertTrue(base > 0.02, "the validation slice has positives");
        assertTrue(naiveAp > 0.95, "the naive join leaks: PR-AUC " + naiveAp);
        assertTrue(pitAp < base + 0.25, "point-in-time PR-AUC " + pitAp + " should be near the base rate " + base);
    }
}
