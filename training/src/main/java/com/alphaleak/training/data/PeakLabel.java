package com.alphaleak.training.data;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.model.ModelSidecar;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The soft label a model learns from instead of its 0/1 outcome ({@code tuning.peak-label}):
 * {@code sigmoid((ln peak - ln multiple) / temperature)}, from the PeakTracker's peak multiple in
 * {@code column}. It is 0.5 at the target's multiple, so it ranks rows as the 0/1 label does
 * ({@code peak >= multiple}) but tells a near miss from a flat token and a bare hit from a 20x.
 *
 * @param column      the dataset's peak column of the target's horizon ({@code peak_multiple_<H>})
 * @param multiple    the target's M
 * @param temperature in log-multiple units: at 0.3 a 4x for a 5x target is 0.32, a 2x is 0.05
 */
public record PeakLabel(String column, double multiple, double temperature) implements Serializable {
    /** How many ids of rows with an unusable peak an error names. */
    public static final int IDS_SHOWN = 5;

    public PeakLabel {
        if (!(multiple > 1) || !(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("peak label needs multiple > 1 and a finite temperature > 0, got "
                    + multiple + ", " + temperature);
        }
    }

    public static PeakLabel of(TargetSpec target, double temperature) {
        return new PeakLabel(target.horizon().peakColumn(), target.multiple(), temperature);
    }

    /**
     * The peak labels {@code config} asks for among {@code targets} of the dataset {@code dataset}
     * ({@code signal} or {@code genesis}; genesis models are named {@code genesis_<target>}), by target.
     */
    public static Map<String, PeakLabel> forTargets(AlphaLeakConfig.PeakLabel config, String dataset, Collection<String> targets) {
        Map<String, PeakLabel> out = new LinkedHashMap<>();
        for (String t : targets) {
            // The genesis dataset's models are its model kind's: genesis_<target>.
            String model = ModelSidecar.stem(dataset, t);
            if (config.appliesTo(model)) out.put(t, of(TargetSpec.parse(t), config.temperature()));
        }
        return out;
    }

    /** The soft label of one peak multiple; NaN when the peak is not a positive finite number. */
    public float of(double peak) {
        if (!(peak > 0) || Double.isInfinite(peak)) return Float.NaN;
        return (float) (1.0 / (1.0 + Math.exp(-(Math.log(peak) - Math.log(multiple)) / temperature)));
    }

    /** Whether a peak and the 0/1 label derived from it agree ({@code label == 1} exactly when {@code peak >= multiple}). */
    public boolean agrees(double peak, int label) {
        return (peak >= multiple) == (label == 1);
    }

    /**
     * The soft label of a labelled row, or NaN when its peak cannot be one: missing (NaN), not a
     * positive finite number, or contradicting the row's 0/1 label (which was derived from it).
     */
    public float ofLabelled(double peak, int label) {
        float soft = of(peak);
        return Float.isNaN(soft) || !agrees(peak, label) ? Float.NaN : soft;
    }

    /** The data-contract problem of {@code rows} labelled rows of {@code target} without a usable peak, {@code ids} the first of them. */
    public String problem(String target, long rows, java.util.List<String> ids) {
        return "column " + column + ": " + rows + " row(s) labelled for " + target + " have no positive peak multiple or one that "
                + "contradicts the label (peak >= " + multiple + " is a positive), e.g. ids " + ids;
    }
}
