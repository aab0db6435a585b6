package com.alphaleak.training.search;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot after each finished trial: what the log line and progress listeners see.
 *
 * @param done     trials finished (complete, pruned or failed), in any order
 * @param pruned   of those, stopped at a rung
 * @param best     best complete trial so far
 * @param eta      naive estimate of the remaining time (elapsed / done * remaining)
 */
public record SearchProgress(String label, TrialResult finished, int done, int total, int pruned, int failed,
                             Optional<TrialResult> best, Duration elapsed, Duration eta) {

    public String line() {
        String trial = finished.complete()
                ? String.format("trial %d: PR-AUC %.4f at iteration %d (%d it, %.1f s, %s)", finished.number(),
                finished.value(), finished.bestIteration(), finished.iterations(), finished.durationMs() / 1000.0, finished.worker())
                : finished.pruned()
                ? String.format("trial %d PRUNED at iteration %d: PR-AUC %.4f so far (%.1f s, %s)", finished.number(),
                finished.prunedAtStep(), finished.value(), finished.durationMs() / 1000.0, finished.worker())
                : String.format("trial %d FAILED after %d attempt(s): %s", finished.number(), finished.attempts(), finished.error());
        String bestText = best.map(b -> String.format("best %.4f (trial %d)", b.value(), b.number())).orElse("no complete trial yet");
        String notes = pruned > 0 && failed > 0 ? " (" + pruned + " pruned, " + failed + " failed)"
                : pruned > 0 ? " (" + pruned + " pruned)" : failed > 0 ? " (" + failed + " failed)" : "";
        return String.format("%s %d/%d done%s, %s, elapsed %s, ETA %s | %s", label, done, total,
                notes, bestText, fmt(elapsed), fmt(eta), trial);
    }

    static String fmt(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
