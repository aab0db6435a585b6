package com.alphaleak.sample;

import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.Horizon;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

/** Cuts the contract tables that come straight from the internal signal and token streams. */
final class OutputTables {
    private OutputTables() {}

    static Dataset<Row> signals(Dataset<Row> events) {
        return events.select(Contracts.SIGNALS.columnNames().stream()
                .map(c -> c.equals("signal_time") ? timestamp_micros(col(SignalEvents.SIGNAL_TIME)).as(c) : col(c))
                .toArray(Column[]::new));
    }

    /** Outcome rows (lost measurements have none), keyed by {@code idColumn}. */
    static Dataset<Row> outcomes(Dataset<Row> stream, String idColumn) {
        List<Column> out = new ArrayList<>();
        out.add(col(idColumn));
        out.add(col(OutcomeColumns.PRICE));
        for (Horizon h : Horizons.ALL) {
            out.add(col(h.peakColumn()));
            out.add(timestamp_micros(col(OutcomeColumns.observedMicros(h))).as(h.observedAtColumn()));
        }
        return stream.filter(not(col(OutcomeColumns.LOST))).select(out.toArray(Column[]::new));
    }

    static Dataset<Row> oracle(Dataset<Row> signalEvents, Dataset<Row> tokenEvents, OracleTargets targets) {
        Column names = array(java.util.Arrays.stream(targets.names).map(n -> lit(n)).toArray(Column[]::new));
        Dataset<Row> bySignal = signalEvents.select(lit("signal").as("entity_kind"), col(SignalEvents.SIGNAL_ID).as("entity_id"),
                col(SignalEvents.ORACLE_NO_FORESIGHT).as("nf"),
                posexplode(col(SignalEvents.ORACLE)).as(new String[]{"pos", "probability"}));
        Dataset<Row> byToken = tokenEvents.filter(col(TokenEvents.HAS_WINDOW))
                .select(lit("token").as("entity_kind"), col(TokenEvents.TOKEN).as("entity_id"),
                        col(TokenEvents.ORACLE_NO_FORESIGHT).as("nf"),
                        posexplode(col(TokenEvents.ORACLE)).as(new String[]{"pos", "probability"}));
        return bySignal.unionByName(byToken).select(col("entity_kind"), col("entity_id"),
                element_at(names, col("pos").plus(1)).as("target"), col("probability"),
                element_at(col("nf"), col("pos").plus(1)).as("probability_no_foresight"));
    }

    static Dataset<Row> genesisWindows(Dataset<Row> tokenEvents) {
        List<Column> out = new ArrayList<>();
        out.add(col(TokenEvents.TOKEN));
        out.add(col(TokenEvents.CREATOR));
        out.add(timestamp_micros(col(TokenEvents.CREATED)).as("created_at"));
        out.add(timestamp_micros(col(TokenEvents.WINDOW_END)).as("window_end"));
        out.add(timestamp_micros(col(TokenEvents.KNOWN_AT)).as("known_at"));
        out.add(col(TokenEvents.ABORTED));
        List<String> features = Contracts.GENESIS_WINDOW_FEATURES;
        for (int k = 0; k < features.size(); k++) {
            Column v = col(TokenEvents.FEATURES).getItem(k);
            out.add(when(isnan(v), lit(null).cast("double")).otherwise(v).as(features.get(k)));
        }
        return tokenEvents.filter(col(TokenEvents.HAS_WINDOW)).select(out.toArray(Column[]::new));
    }

    static Dataset<Row> genesisOutcomes(Dataset<Row> tokenEvents) {
        return outcomes(tokenEvents.filter(col(TokenEvents.HAS_WINDOW)), TokenEvents.TOKEN);
    }
}
