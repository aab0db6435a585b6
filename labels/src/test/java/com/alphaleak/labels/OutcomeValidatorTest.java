package com.alphaleak.labels;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.TargetSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutcomeValidatorTest extends LabelFrames {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant AS_OF = T0.plus(Duration.ofDays(3));
    private static final LabelDeriver DERIVER = new LabelDeriver(LabelSource.SIGNALS,
            List.of(TargetSpec.parse("reach_2x_1h")));

    private static List<Event> signals(String... ids) {
        List<Event> out = new ArrayList<>();
        for (String id : ids) out.add(new Event(id, T0));
        return out;
    }

    private static Outcome ok(String id) {
        Outcome o = Outcome.of(id);
        for (Horizon h : Horizon.values()) o.at(h, 1.5, T0);
        return o;
    }

    private DataContractException rejected(List<Event> events, List<Outcome> outcomes) {
        return assertThrows(DataContractException.class, () -> DERIVER.derive(
                events(LabelSource.SIGNALS, events), outcomes(LabelSource.SIGNALS, outcomes), AS_OF));
    }

    private static void assertProblem(DataContractException e, String table, String... fragments) {
        assertEquals(table, e.table(), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> List.of(fragments).stream().allMatch(p::contains)),
                "no problem contains all of " + List.of(fragments) + " in:\n" + e.getMessage());
    }

    @Test
    void nullEventTimesAndIds() {
        List<Event> ev = new ArrayList<>(signals("a", "b"));
        ev.add(new Event("n1", null));
        ev.add(new Event("n2", null));
        ev.add(new Event(null, T0));
        DataContractException e = rejected(ev, List.of(ok("a")));
        assertProblem(e, "signals", "2 row(s) have a null event time", "'signal_time'", "e.g. signal_id in [n1, n2]");
        assertProblem(e, "signals", "1 row(s) have a null id", "'signal_id'");
        assertEquals(2, e.problems().size());
    }

    @Test
    void observedBeforeTheHorizonEndedOrBeforeTheSignal() {
        Outcome oneMicroEarly = ok("early").set(Horizon.H1, 1.5, T0.plus(Duration.ofHours(1)).minusNanos(1_000));
        Outcome beforeSignal = ok("before").set(Horizon.H1, 1.5, T0.minusSeconds(30));
        Outcome exactlyOnTime = ok("ontime");
        DataContractException e = rejected(signals("early", "before", "ontime"), List.of(oneMicroEarly, beforeSignal, exactlyOnTime));
        assertProblem(e, "outcomes", "2 row(s) were observed before their horizon ended", "'observed_at_1h'",
                "e.g. signal_id in [before, early]");
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void repeatedOutcomeRowsForOneSignal() {
        DataContractException e = rejected(signals("d", "e", "f"), List.of(ok("d"), ok("d"), ok("e"), ok("e"), ok("e"), ok("f")));
        assertProblem(e, "outcomes", "5 row(s) share their id with another outcome row (2 id(s)", "'signal_id'",
                "e.g. signal_id in [d, e]");
    }

    @Test
    void negativeNaNAndInfinitePeaks() {
        List<Outcome> bad = new ArrayList<>();
        double[] values = {-0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            bad.add(ok("bad" + i).set(Horizon.H24, values[i], T0.plus(Duration.ofDays(1))));
        }
        bad.add(ok("zero").set(Horizon.M10, 0.0, T0.plus(Duration.ofMinutes(10))));
        DataContractException e = rejected(signals("bad0", "bad1", "bad2", "bad3", "zero"), bad);
        assertProblem(e, "outcomes", "4 row(s) have a negative, NaN or infinite peak multiple", "'peak_multiple_24h'",
                "[bad0, bad1, bad2, bad3]");
        assertEquals(1, e.problems().size(), "a zero peak is allowed and bad values are not also reported as decreasing: "
                + e.getMessage());
    }

    @Test
    void peaksThatDecreaseAsTheHorizonGrows() {
        Outcome adjacent = ok("adj").set(Horizon.M10, 3.0, T0.plus(Duration.ofMinutes(10)))
                .set(Horizon.M30, 2.0, T0.plus(Duration.ofMinutes(30)));
        // 30m unknown: 10m still cannot exceed 1h
        Outcome acrossNull = ok("gap").set(Horizon.M10, 3.0, T0.plus(Duration.ofMinutes(10)))
                .set(Horizon.M30, null, null).set(Horizon.H1, 2.0, T0.plus(Duration.ofHours(1)))
                .set(Horizon.H4, 3.0, T0.plus(Duration.ofHours(4))).set(Horizon.H24, 3.0, T0.plus(Duration.ofHours(24)));
        Outcome equal = ok("equal");
        DataContractException e = rejected(signals("adj", "gap", "equal"), List.of(adjacent, acrossNull, equal));
        String below = "have a peak multiple below the peak of a shorter horizon";
        // "adj" keeps 1.5 from 1h on, below its 3.0 at 10m: every later horizon is reported
        assertProblem(e, "outcomes", "1 row(s) " + below, "'peak_multiple_30m'", "[adj]");
        assertProblem(e, "outcomes", "2 row(s) " + below, "'peak_multiple_1h'", "[adj, gap]");
        assertProblem(e, "outcomes", "1 row(s) " + below, "'peak_multiple_4h'", "[adj]");
        assertProblem(e, "outcomes", "1 row(s) " + below, "'peak_multiple_24h'", "[adj]");
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void allProblemsOfATableAreReportedAtOnceWithAtMostFiveExamples() {
        List<Outcome> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "s" + i;
            ids.add(id);
            out.add(ok(id).set(Horizon.M10, -1.0, T0.plus(Duration.ofMinutes(10)))
                    .set(Horizon.H4, 1.5, T0));
        }
        DataContractException e = rejected(signals(ids.toArray(String[]::new)), out);
        assertProblem(e, "outcomes", "8 row(s) have a negative", "'peak_multiple_10m'", "[s0, s1, s2, s3, s4]");
        assertProblem(e, "outcomes", "8 row(s) were observed before", "'observed_at_4h'");
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void orphanOutcomesAreCountedAndIgnored() {
        LabelResult r = DERIVER.derive(events(LabelSource.SIGNALS, signals("a")),
                outcomes(LabelSource.SIGNALS, List.of(ok("a"), ok("zz"), ok("yy"))), AS_OF);
        assertEquals(new OutcomeCheck(3, 2, List.of("yy", "zz")), r.outcomes());
        assertEquals(1, r.labelled().count());
    }

    @Test
    void schemaProblemsNameTheColumn() {
        DataContractException e = assertThrows(DataContractException.class, () -> DERIVER.derive(
                events(LabelSource.SIGNALS, signals("a")),
                outcomes(LabelSource.SIGNALS, List.of(ok("a"))).drop("observed_at_4h"), AS_OF));
        assertProblem(e, "outcomes", "missing column 'observed_at_4h'");
        DataContractException t = assertThrows(DataContractException.class, () -> DERIVER.derive(
                events(LabelSource.SIGNALS, signals("a")).withColumn("signal_time",
                        org.apache.spark.sql.functions.col("signal_time").cast("string")),
                outcomes(LabelSource.SIGNALS, List.of(ok("a"))), AS_OF));
        assertProblem(t, "signals", "'signal_time'", "expected timestamp");
    }
}
