package com.alphaleak.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a candidate model may replace the current one (the champion). A pure function:
 * the caller measures both models on the newest validation window and passes the numbers in.
 *
 * <p>The candidate is promoted unless, on that window, it is worse than the champion by more than a
 * tolerance on either measure:
 * <ul>
 *   <li>PR-AUC (average precision of the calibrated probability): refused when
 *       {@code candidate < champion - prAucTolerance};</li>
 *   <li>calibration error (fixed-bin ECE after calibration): refused when
 *       {@code candidate > champion + eceTolerance}.</li>
 * </ul>
 * No champion: promoted. Missing or non-finite candidate metrics, or an empty window: refused.
 */
public final class ChampionGate {

    /** Absolute PR-AUC drop and ECE rise allowed. */
    public record Tolerances(double prAucTolerance, double eceTolerance) {
        public static final Tolerances DEFAULT = new Tolerances(0.01, 0.02);

        public Tolerances {
            if (!(prAucTolerance >= 0) || !(eceTolerance >= 0)) {
                throw new IllegalArgumentException("gate tolerances must be >= 0");
            }
        }
    }

    /** One model's measures on the window. */
    public record Metrics(double prAuc, double ece) {}

    /**
     * What the gate compares.
     *
     * @param candidate        the new model on the window
     * @param championModelId  the model the champion numbers belong to; null when there is none.
     *                         The publisher refuses to use these numbers if, by the time it would
     *                         move the pointer, the current model is another one.
     * @param champion         the current model on the same window; null when there is none
     * @param windowRows       rows in the window
     * @param window           a description of the window, for the record (e.g. its time range)
     * @param basis            where the numbers come from ({@link #BASIS_WINDOW} or {@link #BASIS_SIDECARS})
     */
    public record GateInput(Metrics candidate, String championModelId, Metrics champion, long windowRows,
                            String window, String basis) {
        public static final String BASIS_WINDOW = "newest validation window";
        public static final String BASIS_SIDECARS = "sidecar metrics (each model's own validation window)";

        /** Both models measured on the newest validation window. */
        public static GateInput of(double candidatePrAuc, double candidateEce, String championModelId,
                                   double championPrAuc, double championEce, long windowRows, String window) {
            return new GateInput(new Metrics(candidatePrAuc, candidateEce), championModelId,
                    new Metrics(championPrAuc, championEce), windowRows, window, BASIS_WINDOW);
        }

        /** The first model of a target: nothing to compare against. */
        public static GateInput noChampion(double candidatePrAuc, double candidateEce, long windowRows, String window) {
            return new GateInput(new Metrics(candidatePrAuc, candidateEce), null, null, windowRows, window, BASIS_WINDOW);
        }

        public boolean hasChampion() {
            return champion != null;
        }
    }

    /** @param promote whether the gate lets the candidate replace the champion */
    public record Decision(boolean promote, String reason, GateInput input, Tolerances tolerances) {}

    private final Tolerances tolerances;

    public ChampionGate(Tolerances tolerances) {
        this.tolerances = tolerances;
    }

    public ChampionGate() {
        this(Tolerances.DEFAULT);
    }

    public Tolerances tolerances() {
        return tolerances;
    }

    public Decision decide(GateInput in) {
        Metrics c = in.candidate();
        if (c == null || !Double.isFinite(c.prAuc()) || !Double.isFinite(c.ece())) {
            return new Decision(false, "candidate metrics are missing or not finite", in, tolerances);
        }
        if (in.windowRows() <= 0) {
            return new Decision(false, "the validation window is empty", in, tolerances);
        }
        if (!in.hasChampion()) {
            return new Decision(true, String.format(Locale.ROOT,
                    "no current model; candidate PR-AUC %.4f, ECE %.4f on %s (%d rows)",
                    c.prAuc(), c.ece(), in.basis(), in.windowRows()), in, tolerances);
        }
        Metrics ch = in.champion();
        if (!Double.isFinite(ch.prAuc()) || !Double.isFinite(ch.ece())) {
            return new Decision(true, "current model " + in.championModelId()
                    + " has no finite metrics to compare against; candidate accepted", in, tolerances);
        }
        List<String> worse = new ArrayList<>();
        if (c.prAuc() < ch.prAuc() - tolerances.prAucTolerance()) {
            worse.add(String.format(Locale.ROOT, "PR-AUC %.4f < champion %.4f - tolerance %.4f",
                    c.prAuc(), ch.prAuc(), tolerances.prAucTolerance()));
        }
        if (c.ece() > ch.ece() + tolerances.eceTolerance()) {
            worse.add(String.format(Locale.ROOT, "ECE %.4f > champion %.4f + tolerance %.4f",
                    c.ece(), ch.ece(), tolerances.eceTolerance()));
        }
        String on = String.format(Locale.ROOT, "on %s%s (%d rows)", in.basis(),
                in.window() == null ? "" : " " + in.window(), in.windowRows());
        if (!worse.isEmpty()) {
            return new Decision(false, "worse than current model " + in.championModelId() + " " + on + ": "
                    + String.join("; ", worse), in, tolerances);
        }
        return new Decision(true, String.format(Locale.ROOT,
                "not worse than current model %s %s: PR-AUC %.4f vs %.4f (tolerance %.4f), ECE %.4f vs %.4f (tolerance %.4f)",
                in.championModelId(), on, c.prAuc(), ch.prAuc(), tolerances.prAucTolerance(),
                c.ece(), ch.ece(), tolerances.eceTolerance()), in, tolerances);
    }
}
