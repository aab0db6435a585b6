package com.alphaleak.labels;

import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.TargetSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Plain-Java restatement of the labelling and validation rules, written from their Javadoc, for
 * checking the Spark implementation on random inputs. Deliberately naive: loops over lists.
 */
final class LabelReference {
    private LabelReference() {}

    enum Reason { LABELLED, UNMATURED, MISSING }

    static Reason reason(Event e, Outcome o, TargetSpec t, Instant asOf) {
        Horizon h = t.horizon();
        if (e.time().plus(h.duration()).isAfter(asOf)) return Reason.UNMATURED;
        if (o == null || o.peaks[h.ordinal()] == null || o.observed[h.ordinal()] == null) return Reason.MISSING;
        if (o.observed[h.ordinal()].isAfter(asOf)) return Reason.UNMATURED;
        return Reason.LABELLED;
    }

    static Integer label(Event e, Outcome o, TargetSpec t, Instant asOf) {
        if (reason(e, o, t, asOf) != Reason.LABELLED) return null;
        return o.peaks[t.horizon().ordinal()] >= t.multiple() ? 1 : 0;
    }

    static TargetCounts counts(List<Event> events, Map<String, Outcome> outcomes, TargetSpec t, Instant asOf) {
        long labelled = 0, positives = 0, unmatured = 0, missing = 0;
        for (Event e : events) {
            Outcome o = outcomes.get(e.id());
            switch (reason(e, o, t, asOf)) {
                case LABELLED -> {
                    labelled++;
                    if (label(e, o, t, asOf) == 1) positives++;
                }
                case UNMATURED -> unmatured++;
                case MISSING -> missing++;
            }
        }
        return new TargetCounts(labelled, positives, unmatured, missing);
    }

    static boolean valid(Double peak) {
        return peak != null && !peak.isNaN() && peak >= 0 && peak != Double.POSITIVE_INFINITY;
    }

    /** Violations of the outcome table, in the validator's documented order. */
    static List<RowViolation> outcomeViolations(List<Event> events, List<Outcome> outcomes, LabelSource source) {
        Map<String, Instant> latestEvent = new HashMap<>();
        for (Event e : events) latestEvent.merge(e.id(), e.time(), (a, b) -> a.isAfter(b) ? a : b);
        List<RowViolation> out = new ArrayList<>();
        String idCol = source.outcomeIdColumn();

        long nullIds = outcomes.stream().filter(o -> o.id == null).count();
        if (nullIds > 0) out.add(new RowViolation(idCol, "have a null id", nullIds, List.of()));

        Map<String, Integer> perId = new HashMap<>();
        for (Outcome o : outcomes) if (o.id != null) perId.merge(o.id, 1, Integer::sum);
        long repeatedIds = perId.values().stream().filter(n -> n > 1).count();
        if (repeatedIds > 0) {
            long rows = perId.values().stream().filter(n -> n > 1).mapToLong(n -> n).sum();
            out.add(new RowViolation(idCol, "share their id with another outcome row (" + repeatedIds
                    + " id(s) with more than one row)", rows,
                    smallest(perId.entrySet().stream().filter(x -> x.getValue() > 1).map(Map.Entry::getKey).toList())));
        }

        Horizon[] hs = Horizon.values();
        for (int j = 0; j < hs.length; j++) {
            Horizon h = hs[j];
            final int jj = j;
            add(out, h.peakColumn(), "have a negative, NaN or infinite peak multiple",
                    outcomes.stream().filter(o -> o.peaks[jj] != null && !valid(o.peaks[jj])).toList());
            if (j > 0) {
                add(out, h.peakColumn(), "have a peak multiple below the peak of a shorter horizon"
                                + " (peaks never decrease as the horizon grows)",
                        outcomes.stream().filter(o -> {
                            if (!valid(o.peaks[jj])) return false;
                            for (int i = 0; i < jj; i++) {
                                if (valid(o.peaks[i]) && o.peaks[i] > o.peaks[jj]) return true;
                            }
                            return false;
                        }).toList());
            }
            add(out, h.observedAtColumn(), "were observed before their horizon ended (" + h.observedAtColumn()
                            + " < " + source.timeColumn() + " + " + h.label() + "; includes outcomes dated before the event itself)",
                    outcomes.stream().filter(o -> {
                        Instant t = o.id == null ? null : latestEvent.get(o.id);
                        return o.observed[jj] != null && t != null && o.observed[jj].isBefore(t.plus(h.duration()));
                    }).toList());
        }
        return out;
    }

    static List<Outcome> orphans(List<Event> events, List<Outcome> outcomes) {
        TreeSet<String> ids = new TreeSet<>();
        events.forEach(e -> ids.add(e.id()));
        return outcomes.stream().filter(o -> o.id != null && !ids.contains(o.id)).toList();
    }

    private static void add(List<RowViolation> out, String column, String problem, List<Outcome> offending) {
        if (!offending.isEmpty()) {
            out.add(new RowViolation(column, problem, offending.size(),
                    smallest(offending.stream().map(o -> o.id).filter(Objects::nonNull).toList())));
        }
    }

    static List<String> smallest(List<String> ids) {
        return new TreeSet<>(ids).stream().limit(OutcomeValidator.EXAMPLES).toList();
    }
}
