package com.alphaleak.features.dataset;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.registry.FeatureRegistry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.alphaleak.features.dataset.Frames.row;

/**
 * A small signal world written in a few lines: signals on one clock, an outcome per signal, and
 * any context rows; every context table not given is empty.
 */
final class SignalWorld {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final TargetSpec REACH_2X_1H = TargetSpec.parse("reach_2x_1h");

    private final Frames frames;
    final List<Map<String, Object>> signals = new ArrayList<>();
    final List<Map<String, Object>> outcomes = new ArrayList<>();
    final Map<TableContract, List<Map<String, Object>>> context = new LinkedHashMap<>();
    final Map<TableContract, Duration> maxAge = new LinkedHashMap<>();

    SignalWorld(Frames frames) {
        this.frames = frames;
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** A signal of wallet/token/creator at {@code T0 + minutes} with a matured 1 h outcome of {@code peak1h}. */
    SignalWorld signal(String id, String wallet, int minutes, double peak1h, Object... extra) {
        Map<String, Object> s = row("signal_id", id, "wallet", wallet, "token", "tok-" + wallet, "creator", "cre-" + wallet,
                "signal_time", at(minutes));
        s.putAll(row(extra));
        signals.add(s);
        outcomes.add(row("signal_id", id, "peak_multiple_1h", peak1h, "observed_at_1h", at(minutes + 60)));
        return this;
    }

    SignalWorld context(TableContract table, Map<String, Object> r) {
        context.computeIfAbsent(table, k -> new ArrayList<>()).add(r);
        return this;
    }

    SignalWorld maxAge(TableContract table, Duration age) {
        maxAge.put(table, age);
        return this;
    }

    Dataset<Row> signalFrame() {
        return frames.of(Contracts.SIGNALS, signals);
    }

    Dataset<Row> outcomeFrame() {
        return frames.of(Contracts.OUTCOMES, outcomes);
    }

    TrainingSetBuilder builder() {
        FeatureRegistry registry = FeatureRegistry.of(FeatureRegistry.SIGNAL_V1);
        TrainingSetBuilder b = TrainingSetBuilder.of(DatasetKind.SIGNAL, registry)
                .events(signalFrame()).outcomes(outcomeFrame()).targets(List.of(REACH_2X_1H));
        for (String table : registry.bySourceTable().keySet()) {
            if (table.equals(Contracts.SIGNALS.name())) continue;
            TableContract c = Contracts.ALL.get(table);
            b.context(c, frames.of(c, context.getOrDefault(c, List.of())), Optional.ofNullable(maxAge.get(c)));
        }
        return b;
    }
}
