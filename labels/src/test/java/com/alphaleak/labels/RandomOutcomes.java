package com.alphaleak.labels;

import com.alphaleak.contracts.Horizon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random events and outcomes around a cut-off, rich in edge cases: event times exactly one horizon
 * before the cut-off (and one microsecond later), peaks exactly at common multiples, equal peaks
 * across horizons, half-written horizons, observations after the cut-off, missing outcome rows and
 * orphan outcomes. {@link #corrupt} breaks rows in every way the validator rejects.
 */
final class RandomOutcomes {
    private static final Horizon[] H = Horizon.values();
    private static final double[] MULTIPLES = {1.5, 2.0, 3.0, 5.0};

    final List<Event> events = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();

    private RandomOutcomes() {}

    static RandomOutcomes valid(long seed, Instant asOf, int events) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomOutcomes w = new RandomOutcomes();
        for (int i = 0; i < events; i++) {
            String id = "s" + seed + "_" + i;
            Instant t = eventTime(rnd, asOf);
            w.events.add(new Event(id, t));
            if (rnd.nextDouble() < 0.85) w.outcomes.add(outcome(rnd, id, t));
            if (rnd.nextDouble() < 0.1) w.outcomes.add(outcome(rnd, "orphan" + seed + "_" + i, t));
        }
        return w;
    }

    private static Instant eventTime(SplittableRandom rnd, Instant asOf) {
        double u = rnd.nextDouble();
        if (u < 0.2) return asOf.minus(H[rnd.nextInt(H.length)].duration());
        if (u < 0.3) return asOf.minus(H[rnd.nextInt(H.length)].duration()).plusNanos(1_000);
        long micros = rnd.nextLong(-Duration.ofHours(26).toNanos() / 1_000, Duration.ofMinutes(30).toNanos() / 1_000);
        return asOf.plusNanos(micros * 1_000);
    }

    private static Outcome outcome(SplittableRandom rnd, String id, Instant t) {
        Outcome o = Outcome.of(id);
        double peak = rnd.nextDouble() < 0.1 ? 0.0 : rnd.nextDouble() * 2.5;
        for (Horizon h : H) {
            if (rnd.nextDouble() >= 0.4) peak += rnd.nextDouble() * 1.5;
            if (rnd.nextDouble() < 0.15) {
                double m = MULTIPLES[rnd.nextInt(MULTIPLES.length)];
                if (m >= peak) peak = m;
            }
            Instant observed = t.plus(h.duration());
            if (rnd.nextDouble() < 0.5) observed = observed.plusNanos(rnd.nextLong(1, 90L * 60 * 1_000_000) * 1_000);
            double state = rnd.nextDouble();
            if (state < 0.1) o.set(h, null, null);
            else if (state < 0.15) o.set(h, peak, null);
            else if (state < 0.2) o.set(h, null, observed);
            else o.set(h, peak, observed);
        }
        return o;
    }

    /** Applies one random defect to about {@code share} of the outcome rows (and adds some rows). */
    RandomOutcomes corrupt(long seed, double share) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Outcome> extra = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            if (rnd.nextDouble() >= share) continue;
            Outcome o = outcomes.get(k);
            Event e = events.stream().filter(x -> x.id().equals(o.id)).findFirst().orElse(events.get(0));
            int j = rnd.nextInt(H.length);
            switch (rnd.nextInt(8)) {
                case 0 -> o.peaks[j] = -rnd.nextDouble() - 1e-9;
                case 1 -> o.peaks[j] = Double.NaN;
                case 2 -> o.peaks[j] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 3 -> {
                    int i = rnd.nextInt(H.length - 1);
                    o.peaks[i] = 4.0;
                    o.peaks[i + 1 + rnd.nextInt(H.length - 1 - i)] = 4.0 * rnd.nextDouble();
                }
                case 4 -> o.observed[j] = e.time().plus(H[j].duration()).minusNanos(rnd.nextLong(1, 7_200_000_000L) * 1_000);
                case 5 -> o.observed[j] = e.time().minusNanos(rnd.nextLong(1, 3_600_000_000L) * 1_000);
                case 6 -> extra.add(o.copy(o.id));
                default -> extra.add(o.copy(null));
            }
        }
        outcomes.addAll(extra);
        return this;
    }
}
