package com.alphaleak.sample;

import com.alphaleak.contracts.Horizon;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.List;

/**
 * Outcome columns of the internal streams, as PeakTracker reports them at "now": a horizon's
 * peak and observation instant are present only once observed by then, and a lost measurement
 * carries no values (its row is dropped from the outcome tables).
 */
final class OutcomeColumns {
    private OutcomeColumns() {}

    static final String LOST = "outcome_lost";
    static final String PRICE = "price_at_start";

    static String observedMicros(Horizon h) {
        return h.observedAtColumn() + "_us";
    }

    static void addTo(List<StructField> fields) {
        fields.add(DataTypes.createStructField(LOST, DataTypes.BooleanType, false));
        fields.add(DataTypes.createStructField(PRICE, DataTypes.DoubleType, true));
        for (Horizon h : Horizons.ALL) {
            fields.add(DataTypes.createStructField(h.peakColumn(), DataTypes.DoubleType, true));
            fields.add(DataTypes.createStructField(observedMicros(h), DataTypes.LongType, true));
        }
    }

    static void values(Measurement m, long nowMicros, List<Object> out) {
        out.add(m.lost());
        out.add(m.lost() ? null : m.priceAtStart());
        for (int h = 0; h < Horizons.count(); h++) {
            boolean known = !m.lost() && m.observedAt(h) <= nowMicros;
            out.add(known ? m.peaks()[h] : null);
            out.add(known ? m.observedAt(h) : null);
        }
    }
}
