package com.alphaleak.labels;

import com.alphaleak.contracts.TargetSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark implementation against {@link LabelReference} on random inputs. Seeds are batched: a
 * batch unions several seeds' worlds (ids carry the seed) so one Spark run checks many of them.
 */
class LabelReferenceTest extends LabelFrames {
    private static final Instant AS_OF = Instant.parse("2026-01-12T07:31:12.345678Z");
    private static final List<TargetSpec> TARGETS = Arrays.stream(new String[]{"reach_2x_10m", "reach_3x_30m",
            "reach_2x_1h", "reach_1.5x_1h", "reach_2x_4h", "reach_5x_24h"}).map(TargetSpec::parse).toList();
    private static final LabelDeriver DERIVER = new LabelDeriver(LabelSource.SIGNALS, TARGETS);

    private static RandomOutcomes batch(long firstSeed, int seeds, Instant asOf) {
        RandomOutcomes all = RandomOutcomes.valid(firstSeed, asOf, 40);
        for (long s = firstSeed + 1; s < firstSeed + seeds; s++) {
            RandomOutcomes w = RandomOutcomes.valid(s, asOf, 40);
            all.events.addAll(w.events);
            all.outcomes.addAll(w.outcomes);
        }
        return all;
    }

    private void assertMatchesReference(RandomOutcomes w, Instant asOf, boolean explicitCutOff) {
        Dataset<Row> ev = events(LabelSource.SIGNALS, w.events);
        Dataset<Row> out = outcomes(LabelSource.SIGNALS, w.outcomes);
        LabelResult result = explicitCutOff ? DERIVER.derive(ev, out, asOf) : DERIVER.derive(ev, out);
        assertEquals(asOf, result.asOf());

        Map<String, Outcome> outcomeById = new HashMap<>();
        w.outcomes.forEach(o -> outcomeById.put(o.id, o));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : result.labelled().collectAsList()) rows.put(r.getString(0), r);
        assertEquals(w.events.size(), rows.size());
        for (Event e : w.events) {
            Row r = rows.get(e.id());
            for (TargetSpec t : TARGETS) {
                int i = r.fieldIndex(t.name());
                Integer actual = r.isNullAt(i) ? null : r.getInt(i);
                assertEquals(LabelReference.label(e, outcomeById.get(e.id()), t, asOf), actual, e.id() + " " + t);
            }
        }
        long positives = 0;
        for (TargetSpec t : TARGETS) {
            TargetCounts expected = LabelReference.counts(w.events, outcomeById, t, asOf);
            assertEquals(expected, result.counts(t), t.name());
            positives += expected.positives();
        }
        List<Outcome> orphans = LabelReference.orphans(w.events, w.outcomes);
        assertEquals(new OutcomeCheck(w.outcomes.size(), orphans.size(),
                LabelReference.smallest(orphans.stream().map(o -> o.id).toList())), result.outcomes());
        // the random worlds must exercise every branch, or the comparison proves little; with the
        // default cut-off (the latest 24h observation) short horizons have all matured
        assertTrue(positives > 0);
        for (TargetSpec t : explicitCutOff ? TARGETS : List.<TargetSpec>of()) {
            TargetCounts c = result.counts(t);
            assertTrue(c.negatives() > 0 && c.excludedUnmatured() > 0 && c.excludedMissing() > 0, t + " " + c);
        }
    }

    @Test
    void labelsMatchTheReferenceOnRandomWorldsWithAnExplicitCutOff() {
        for (long first : new long[]{1, 101, 201}) {
            assertMatchesReference(batch(first, 10, AS_OF), AS_OF, true);
        }
    }

    @Test
    void labelsMatchTheReferenceWithTheDefaultCutOff() {
        RandomOutcomes w = batch(301, 10, AS_OF);
        Instant latest = w.outcomes.stream().flatMap(o -> Arrays.stream(o.observed))
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElseThrow();
        assertTrue(latest.isAfter(AS_OF.plus(Duration.ofMinutes(30))));
        assertMatchesReference(w, latest, false);
    }

    @Test
    void validatorMatchesTheReferenceOnRandomlyCorruptedWorlds() {
        OutcomeValidator validator = new OutcomeValidator(LabelSource.SIGNALS);
        long[][] batches = {{1001, 0}, {2001, 2}, {3001, 5}, {4001, 30}};
        for (long[] b : batches) {
            RandomOutcomes w = RandomOutcomes.valid(b[0], AS_OF, 60).corrupt(b[0], b[1] / 100.0);
            for (long s : LongStream.range(b[0] + 1, b[0] + 6).toArray()) {
                RandomOutcomes more = RandomOutcomes.valid(s, AS_OF, 60).corrupt(s, b[1] / 100.0);
                w.events.addAll(more.events);
                w.outcomes.addAll(more.outcomes);
            }
            OutcomeValidator.OutcomeScan scan = validator.scanOutcomes(events(LabelSource.SIGNALS, w.events),
                    outcomes(LabelSource.SIGNALS, w.outcomes));
            List<RowViolation> expected = LabelReference.outcomeViolations(w.events, w.outcomes, LabelSource.SIGNALS);
            assertEquals(expected, scan.violations(), "corruption " + b[1] + "%");
            assertEquals(w.outcomes.size(), scan.check().outcomeRows());
            assertEquals(LabelReference.orphans(w.events, w.outcomes).size(), scan.check().orphanRows());
            if (b[1] == 0) assertTrue(scan.violations().isEmpty());
            if (b[1] == 30) {
                // heavy corruption hits every rule kind
                assertTrue(new HashSet<>(scan.violations().stream().map(v -> v.problem().substring(0, 12)).toList()).size() >= 5,
                        scan.violations().toString());
            }
        }
    }
}
