package com.alphaleak.monitor;

import com.alphaleak.config.MonitorConfig;
import com.alphaleak.model.ModelSidecar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's error rates with the shipped defaults, measured on seeded live worlds
 * ({@link LiveWorld}, 1,500 signals a day, base rate about 8.5 %): training histograms from
 * days 0-10, alert bands from the validation period days 10-14, then one monitor run a day
 * (at 02:00 UTC, so the newest window ends at midnight) on days 15-21. The same code as the
 * Spark job after slot aggregation ({@link ModelReport#evaluate}); {@code ModelMonitorTest} checks
 * that the Spark aggregation gives the same windows.
 *
 * <p>Measured numbers are printed and written to {@code target/monitor-evaluation.txt}
 * (reproduce: {@code mvn -o -B -pl monitor verify -Dtest=DriftDetectionEvaluationTest}); they are
 * quoted in docs/monitoring.md.
 */
class DriftDetectionEvaluationTest {
    static final int PER_DAY = 1500;
    static final int DAYS = 22;
    static final Instant SHIFT_DAY = LiveWorld.START.plus(Duration.ofHours(16 * 24 + 12));
    private static final List<String> LOG = new ArrayList<>();

    record Run(Instant asOf, Decision decision, List<String> reasons) {}

    static List<Run> runs(LiveWorld world, MonitorConfig cfg, boolean withBands) {
        return runs(world, cfg, withBands ? 10 : -1);
    }

    /** @param bandsFrom first day of the backtest the alert bands come from (it ends at day 14); negative = no bands */
    static List<Run> runs(LiveWorld world, MonitorConfig cfg, double bandsFrom) {
        boolean withBands = bandsFrom >= 0;
        ModelSidecar sidecar = world.sidecar(world.day(0), world.day(10));
        AlertBands bands = withBands ? world.bands(world.day(bandsFrom), world.day(14), cfg) : null;
        ModelContext ctx = new ModelContext(LiveWorld.MODEL, LiveWorld.TARGET, sidecar, bands, withBands ? "backtest" : null);
        List<Run> out = new ArrayList<>();
        for (int d = 15; d <= 21; d++) {
            Instant asOf = world.day(d).plus(Duration.ofHours(2));
            ModelReport r = world.monitor(asOf, ctx, cfg);
            out.add(new Run(asOf, r.decision(), r.reasons()));
        }
        return out;
    }

    @Test
    void stableWorldsRarelyRecommendRetraining() {
        MonitorConfig cfg = TestConfigs.defaults();
        int seeds = 50, runs = 0, retrains = 0, seedsWithAlarm = 0, watches = 0, retrainsNoBands = 0;
        java.util.Map<String, Integer> watchKinds = new java.util.TreeMap<>();
        for (int seed = 1; seed <= seeds; seed++) {
            LiveWorld w = LiveWorld.generate(LiveWorld.Spec.stable(seed, DAYS, PER_DAY));
            boolean any = false;
            for (Run r : runs(w, cfg, true)) {
                runs++;
                assertTrue(r.decision() != Decision.INSUFFICIENT_DATA, "enough data in a 1,500/day world: " + r.reasons());
                if (r.decision() == Decision.RETRAIN) {
                    retrains++;
                    any = true;
                    LOG.add("  false alarm seed " + seed + " " + r.asOf() + ": " + r.reasons());
                }
                if (r.decision() == Decision.WATCH) {
                    watches++;
                    for (String reason : r.reasons()) {
                        String kind = reason.replaceAll("^(watch|act): ", "").replaceAll("[:(].*", "")
                                .replaceAll("[0-9.]+ ", "").trim();
                        watchKinds.merge(kind, 1, Integer::sum);
                    }
                }
            }
            for (Run r : runs(w, cfg, false)) if (r.decision() == Decision.RETRAIN) retrainsNoBands++;
            if (any) seedsWithAlarm++;
        }
        double rate = (double) retrains / runs;
        report(String.format(Locale.ROOT, "stable worlds: %d seeds x 7 daily runs = %d runs: retrain %d (%.2f%% of runs; %d of %d seeds "
                        + "had any false retrain in 7 days), watch %d (%.1f%%); without alert bands retrain %d (%.2f%%)",
                seeds, runs, retrains, 100 * rate, seedsWithAlarm, seeds, watches, 100.0 * watches / runs, retrainsNoBands,
                100.0 * retrainsNoBands / runs));
        report("  watch reasons on stable worlds (runs citing each): " + watchKinds);
        assertTrue(rate <= 0.05, "false-alarm rate " + rate);
        assertTrue((double) seedsWithAlarm / seeds <= 0.10, "seeds with a false alarm " + seedsWithAlarm);
    }

    /**
     * The same stable worlds with the alert bands the {@code backtest} command's defaults give: 4
     * walk-forward windows of 10 % of the rows each, the newest 40 % of the 14 days before the live
     * period (days 8.4-14), instead of the 4-day validation period. The simulated model is fixed
     * (the same formula in every window), so this measures what the longer backtest does to the
     * bands' spread estimate, not the extra noise of retraining per window.
     */
    @Test
    void stableWorldsWatchRateWithWalkForwardBacktestBands() {
        MonitorConfig cfg = TestConfigs.defaults();
        int seeds = 50, runs = 0, watches = 0, retrains = 0;
        java.util.Map<String, Integer> watchKinds = new java.util.TreeMap<>();
        for (int seed = 1; seed <= seeds; seed++) {
            LiveWorld w = LiveWorld.generate(LiveWorld.Spec.stable(seed, DAYS, PER_DAY));
            for (Run r : runs(w, cfg, 14 - 0.4 * 14)) {
                runs++;
                if (r.decision() == Decision.RETRAIN) retrains++;
                if (r.decision() == Decision.WATCH) {
                    watches++;
                    for (String reason : r.reasons()) {
                        String kind = reason.replaceAll("^(watch|act): ", "").replaceAll("[:(].*", "")
                                .replaceAll("[0-9.]+ ", "").trim();
                        watchKinds.merge(kind, 1, Integer::sum);
                    }
                }
            }
        }
        report(String.format(Locale.ROOT, "stable worlds, walk-forward backtest bands (days 8.4-14): %d runs: watch %d (%.1f%%), retrain %d (%.2f%%)",
                runs, watches, 100.0 * watches / runs, retrains, 100.0 * retrains / runs));
        report("  watch reasons (runs citing each): " + watchKinds);
        assertTrue((double) retrains / runs <= 0.05, "false-alarm rate " + retrains + " of " + runs);
    }

    @Test
    void calibrationShiftIsDetectedWithinTwoDailyRuns() {
        measureDelay("calibration shift (true odds x0.61 after the shift, base rate 8.5% -> 5.6%; features unchanged)", -0.5, false, 0.9);
    }

    @Test
    void regimeShiftIsDetectedWithinTwoDailyRuns() {
        measureDelay("regime shift (same calibration shift + market-regime features move)", -0.5, true, 0.9);
    }

    @Test
    void smallerShiftMeasured() {
        // Measured with the shipped defaults (seeded, so deterministic for this code): 13 of 20 seeds
        // detected within the 5 runs after the shift, 8 of 20 within 62 h (2 daily runs), median 62 h,
        // no retrain before the shift (docs/monitoring.md quotes these). The bounds leave 3 seeds of
        // margin on each count, so retuning the monitor may trade a little sensitivity on this
        // deliberately borderline shift, while a monitor that stops seeing a drop of the base rate
        // from 8.5 % to 6.6 % fails: the same 20 seeds without any shift give 1 of 20 (a false alarm).
        Detection d = measureDelay("smaller calibration shift (true odds x0.74, base rate 8.5% -> 6.6%)", -0.3, false, 5.0 / 20);
        assertTrue(d.detected() >= 10, "detected at all within the 5 runs after the shift: " + d.detected() + " of " + d.seeds());
    }

    /** Seeds whose first retrain after the shift came within 2 daily runs ({@code within}) or at all ({@code detected}). */
    record Detection(int seeds, int detected, int within, int preShiftAlarms) {}

    /** Shift at day 16 12:00; detection delay = first run deciding retrain minus the shift. */
    private Detection measureDelay(String label, double shift, boolean features, double required) {
        MonitorConfig cfg = TestConfigs.defaults();
        int seeds = 20, within = 0, detected = 0, preShiftAlarms = 0;
        List<Double> delays = new ArrayList<>();
        Duration bound = Duration.ofDays(2).plusHours(14);
        for (int seed = 101; seed < 101 + seeds; seed++) {
            LiveWorld w = LiveWorld.generate(LiveWorld.Spec.stable(seed, DAYS, PER_DAY).shifted(SHIFT_DAY, shift, features));
            Duration delay = null;
            for (Run r : runs(w, cfg, true)) {
                if (r.decision() != Decision.RETRAIN) continue;
                if (r.asOf().isBefore(SHIFT_DAY)) {
                    preShiftAlarms++;
                    continue;
                }
                delay = Duration.between(SHIFT_DAY, r.asOf());
                break;
            }
            if (delay != null) {
                detected++;
                delays.add(delay.toMinutes() / 60.0);
                if (delay.compareTo(bound) <= 0) within++;
            }
        }
        delays.sort(Double::compare);
        report(String.format(Locale.ROOT, "%s: %d seeds, detected %d, within %s (2 daily runs after the shift) %d (%.0f%%), "
                        + "delay hours min/median/max %s, retrain before the shift %d",
                label, seeds, detected, bound, within, 100.0 * within / seeds,
                delays.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f/%.0f/%.0f", delays.get(0), delays.get(delays.size() / 2),
                        delays.get(delays.size() - 1)), preShiftAlarms));
        assertTrue((double) within / seeds >= required, label + ": within bound " + within + " of " + seeds);
        return new Detection(seeds, detected, within, preShiftAlarms);
    }

    @Test
    void thinWindowsReportInsufficientDataNeverRetrain() {
        MonitorConfig cfg = TestConfigs.defaults();
        int runs = 0, insufficient = 0;
        for (int seed = 201; seed < 221; seed++) {
            // 80 signals a day: about 14 matured positives per 2-day window, below the minimum of 50;
            // the regime shift (calibration and features) happens anyway.
            LiveWorld w = LiveWorld.generate(LiveWorld.Spec.stable(seed, DAYS, 80).shifted(SHIFT_DAY, -0.5, true));
            for (Run r : runs(w, cfg, false)) {
                runs++;
                assertTrue(r.decision() != Decision.RETRAIN, "retrain on thin data: " + r.reasons());
                if (r.decision() == Decision.INSUFFICIENT_DATA) {
                    insufficient++;
                    assertTrue(r.reasons().get(0).startsWith("insufficient data"), r.reasons().toString());
                }
            }
        }
        report(String.format(Locale.ROOT, "thin worlds (80 signals/day, shifted): %d runs, insufficient_data %d, retrain 0", runs, insufficient));
        assertEquals(runs, insufficient);
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        LOG.add(line);
        try {
            Path out = Path.of("target", "monitor-evaluation.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, LOG);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
