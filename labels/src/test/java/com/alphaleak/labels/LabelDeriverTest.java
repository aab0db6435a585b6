package com.alphaleak.labels;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.TargetSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelDeriverTest extends LabelFrames {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant AS_OF = T0.plus(Duration.ofDays(2));
    private static final TargetSpec R2_1H = TargetSpec.parse("reach_2x_1h");
    private static final TargetSpec R3_30M = TargetSpec.parse("reach_3x_30m");
    private static final LabelDeriver SIGNALS = new LabelDeriver(LabelSource.SIGNALS, List.of(R2_1H, R3_30M));

    /** Outcome observed at horizon end with the same peak for 30m and 1h. */
    private static Outcome flat(String id, Instant t, double peak) {
        return Outcome.of(id).at(Horizon.M30, peak, t).at(Horizon.H1, peak, t);
    }

    private static Map<String, Row> byId(Dataset<Row> labelled) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : labelled.collectAsList()) out.put(r.getString(r.fieldIndex("signal_id")), r);
        return out;
    }

    private static Double peak(Row r, Horizon h) {
        return r.isNullAt(r.fieldIndex(h.peakColumn())) ? null : r.getDouble(r.fieldIndex(h.peakColumn()));
    }

    private static Integer label(Row r, TargetSpec t) {
        return r.isNullAt(r.fieldIndex(t.name())) ? null : r.getInt(r.fieldIndex(t.name()));
    }

    @Test
    void labelsPositivesAndNegativesWithTheMultipleInclusive() {
        List<Event> ev = List.of(new Event("above", T0), new Event("exact", T0), new Event("below", T0),
                new Event("exact3", T0));
        List<Outcome> out = List.of(flat("above", T0, 2.5), flat("exact", T0, 2.0), flat("below", T0, Math.nextDown(2.0)),
                flat("exact3", T0, 3.0));
        LabelResult result = SIGNALS.derive(events(LabelSource.SIGNALS, ev), outcomes(LabelSource.SIGNALS, out), AS_OF);
        Map<String, Row> rows = byId(result.labelled());
        assertEquals(1, label(rows.get("above"), R2_1H));
        assertEquals(1, label(rows.get("exact"), R2_1H));
        assertEquals(0, label(rows.get("below"), R2_1H));
        assertEquals(1, label(rows.get("exact3"), R3_30M));
        assertEquals(0, label(rows.get("above"), R3_30M));
        assertEquals(new TargetCounts(4, 3, 0, 0), result.counts(R2_1H));
        assertEquals(new TargetCounts(4, 1, 0, 0), result.counts(R3_30M));
        assertEquals(DataTypes.IntegerType, result.labelled().schema().apply(R2_1H.name()).dataType());
        // event columns pass through unchanged, in order, with the labels after them, then each horizon's peak
        assertEquals(List.of("signal_id", "signal_time", "wallet", "reach_2x_1h", "reach_3x_30m", "peak_multiple_30m", "peak_multiple_1h"),
                List.of(result.labelled().columns()));
        assertEquals(Math.nextDown(2.0), peak(rows.get("below"), Horizon.H1));
        assertEquals(3.0, peak(rows.get("exact3"), Horizon.M30));
        assertEquals("w-exact", rows.get("exact").getString(2));
        assertEquals(AS_OF, result.asOf());
    }

    @Test
    void unmaturedHorizonIsExcludedNotNegative() {
        Instant justMature = AS_OF.minus(Duration.ofHours(1));
        Instant oneMicroShort = justMature.plusNanos(1_000);
        Instant matureFor30mOnly = AS_OF.minus(Duration.ofMinutes(45));
        List<Event> ev = List.of(new Event("mature", justMature), new Event("short", oneMicroShort),
                new Event("half", matureFor30mOnly), new Event("future", AS_OF.plusSeconds(5)));
        List<Outcome> out = List.of(flat("mature", justMature, 1.2),
                // only the horizons that have ended carry values, as PeakTracker writes them
                Outcome.of("short").at(Horizon.M30, 1.1, oneMicroShort),
                Outcome.of("half").at(Horizon.M30, 3.5, matureFor30mOnly));
        LabelResult result = SIGNALS.derive(events(LabelSource.SIGNALS, ev), outcomes(LabelSource.SIGNALS, out), AS_OF);
        Map<String, Row> rows = byId(result.labelled());
        assertEquals(0, label(rows.get("mature"), R2_1H), "t + H == asOf is mature");
        assertNull(label(rows.get("short"), R2_1H), "one microsecond short of maturity is no label, not 0");
        assertEquals(0, label(rows.get("short"), R3_30M));
        assertNull(label(rows.get("half"), R2_1H));
        assertEquals(1, label(rows.get("half"), R3_30M));
        assertNull(label(rows.get("future"), R2_1H));
        assertNull(label(rows.get("future"), R3_30M));
        assertEquals(new TargetCounts(1, 0, 3, 0), result.counts(R2_1H));
        assertEquals(new TargetCounts(3, 1, 1, 0), result.counts(R3_30M));
        // A peak is there exactly where its horizon's labels are: never one unknown at the cut-off.
        assertEquals(1.2, peak(rows.get("mature"), Horizon.H1));
        assertNull(peak(rows.get("short"), Horizon.H1));
        assertEquals(1.1, peak(rows.get("short"), Horizon.M30));
        assertNull(peak(rows.get("half"), Horizon.H1));
        assertEquals(3.5, peak(rows.get("half"), Horizon.M30));
        assertNull(peak(rows.get("future"), Horizon.M30));
    }

    @Test
    void missingObservationIsExcluded() {
        Outcome noObservedAt = flat("no_obs", T0, 4.0).set(Horizon.H1, 4.0, null);
        Outcome noPeak = flat("no_peak", T0, 4.0).set(Horizon.H1, null, T0.plus(Duration.ofHours(1)));
        List<Event> ev = List.of(new Event("no_obs", T0), new Event("no_peak", T0), new Event("no_row", T0));
        LabelResult result = SIGNALS.derive(events(LabelSource.SIGNALS, ev),
                outcomes(LabelSource.SIGNALS, List.of(noObservedAt, noPeak)), AS_OF);
        Map<String, Row> rows = byId(result.labelled());
        for (String id : List.of("no_obs", "no_peak", "no_row")) {
            assertNull(label(rows.get(id), R2_1H), id);
        }
        assertEquals(1, label(rows.get("no_obs"), R3_30M));
        assertNull(label(rows.get("no_row"), R3_30M));
        assertEquals(new TargetCounts(0, 0, 0, 3), result.counts(R2_1H));
        assertEquals(new TargetCounts(2, 2, 0, 1), result.counts(R3_30M));
    }

    @Test
    void outcomeFinalisedAfterTheCutOffIsUnmatured() {
        Outcome late = Outcome.of("late").set(Horizon.H1, 9.0, AS_OF.plusNanos(1_000));
        LabelResult result = new LabelDeriver(LabelSource.SIGNALS, List.of(R2_1H)).derive(
                events(LabelSource.SIGNALS, List.of(new Event("late", T0))), outcomes(LabelSource.SIGNALS, List.of(late)), AS_OF);
        assertNull(label(byId(result.labelled()).get("late"), R2_1H));
        assertNull(peak(byId(result.labelled()).get("late"), Horizon.H1), "the 9x was not known at the cut-off");
        assertEquals(new TargetCounts(0, 0, 1, 0), result.counts(R2_1H));
    }

    @Test
    void defaultCutOffIsTheLatestObservation() {
        Instant t1 = T0.plus(Duration.ofHours(3));
        // the latest observation is t1 + 30m: "early" is mature for both targets, "late" for 30m only
        List<Outcome> out = List.of(flat("early", T0, 2.0), Outcome.of("late").at(Horizon.M30, 3.0, t1));
        LabelResult result = SIGNALS.derive(events(LabelSource.SIGNALS, List.of(new Event("early", T0), new Event("late", t1))),
                outcomes(LabelSource.SIGNALS, out));
        assertEquals(t1.plus(Duration.ofMinutes(30)), result.asOf());
        assertEquals(new TargetCounts(1, 1, 1, 0), result.counts(R2_1H));
        assertEquals(new TargetCounts(2, 1, 0, 0), result.counts(R3_30M));

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> SIGNALS.derive(
                events(LabelSource.SIGNALS, List.of(new Event("a", T0))), outcomes(LabelSource.SIGNALS, List.of(Outcome.of("a")))));
        assertTrue(none.getMessage().contains("pass asOf"), none.getMessage());
    }

    @Test
    void usableForKeepsOnlyRowsWithALabel() {
        List<Event> ev = List.of(new Event("pos", T0), new Event("neg", T0), new Event("none", T0),
                new Event("young", AS_OF));
        List<Outcome> out = List.of(flat("pos", T0, 2.0), flat("neg", T0, 1.0));
        LabelResult result = SIGNALS.derive(events(LabelSource.SIGNALS, ev), outcomes(LabelSource.SIGNALS, out), AS_OF);
        List<String> usable = LabelDeriver.usableFor(result.labelled(), R2_1H).select("signal_id").orderBy("signal_id")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("neg", "pos"), usable);
        assertThrows(IllegalArgumentException.class,
                () -> LabelDeriver.usableFor(result.labelled(), TargetSpec.parse("reach_5x_24h")));
    }

    @Test
    void genesisOutcomesAreKeyedByTokenAndMeasuredFromWindowEnd() {
        LabelDeriver genesis = new LabelDeriver(LabelSource.GENESIS, List.of(TargetSpec.parse("reach_2x_10m")));
        Instant windowEnd = AS_OF.minus(Duration.ofMinutes(10));
        List<Event> tokens = List.of(new Event("mintA", windowEnd), new Event("mintB", windowEnd.plusSeconds(1)));
        List<Outcome> out = List.of(Outcome.of("mintA").at(Horizon.M10, 2.2, windowEnd),
                Outcome.of("orphan").at(Horizon.M10, 1.0, T0));
        LabelResult result = genesis.derive(events(LabelSource.GENESIS, tokens), outcomes(LabelSource.GENESIS, out), AS_OF);
        Map<String, Integer> labels = new HashMap<>();
        for (Row r : result.labelled().collectAsList()) {
            labels.put(r.getString(r.fieldIndex("token")), r.isNullAt(r.fieldIndex("reach_2x_10m")) ? null : r.getInt(r.fieldIndex("reach_2x_10m")));
        }
        assertEquals(1, labels.get("mintA"));
        assertNull(labels.get("mintB"));
        assertTrue(labels.containsKey("mintB"));
        assertEquals(new OutcomeCheck(2, 1, List.of("orphan")), result.outcomes());

        DataContractException early = assertThrows(DataContractException.class, () -> genesis.derive(
                events(LabelSource.GENESIS, tokens),
                outcomes(LabelSource.GENESIS, List.of(Outcome.of("mintA").set(Horizon.M10, 2.0, windowEnd.plusSeconds(599)))), AS_OF));
        assertEquals("genesis_outcomes", early.table());
        assertTrue(early.getMessage().contains("observed_at_10m < window_end + 10m"), early.getMessage());
    }

    @Test
    void refusesToOverwriteAnExistingColumnAndBadTargetLists() {
        Dataset<Row> ev = events(LabelSource.SIGNALS, List.of(new Event("a", T0))).withColumn("reach_2x_1h", org.apache.spark.sql.functions.lit(1));
        assertThrows(IllegalArgumentException.class,
                () -> SIGNALS.derive(ev, outcomes(LabelSource.SIGNALS, List.of()), AS_OF));
        Dataset<Row> withPeak = events(LabelSource.SIGNALS, List.of(new Event("a", T0)))
                .withColumn("peak_multiple_30m", org.apache.spark.sql.functions.lit(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SIGNALS.derive(withPeak, outcomes(LabelSource.SIGNALS, List.of()), AS_OF));
        assertTrue(e.getMessage().contains("'peak_multiple_30m'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelDeriver(LabelSource.SIGNALS, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabelDeriver(LabelSource.SIGNALS, List.of(R2_1H, R2_1H)));
    }
}
