package com.alphaleak.monitor;

import com.alphaleak.config.MonitorConfig;
import com.alphaleak.metrics.AveragePrecision;
import com.alphaleak.model.ModelSidecar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measures one window of one model (no verdict; {@link DriftDecision} gives that). */
public final class WindowEvaluator {
    private WindowEvaluator() {}

    public static WindowMetrics measure(RollingWindows.Window w, SlotData data, ModelContext model, MonitorConfig cfg) {
        double[] p = data.probabilities();
        int[] y = data.labels();
        long positives = 0;
        for (int v : y) positives += v;
        CalibrationInTheLarge citl = p.length == 0 ? null : CalibrationInTheLarge.of(p, y, cfg.zWatch(), cfg.zAct());
        ExpectedCalibrationError.Result ece = ExpectedCalibrationError.of(p, y, cfg.eceBins(), cfg.zWatch());
        List<ThresholdPrecision> thresholds = new ArrayList<>();
        for (double t : cfg.thresholds()) {
            thresholds.add(ThresholdPrecision.of(p, y, t, cfg.minThresholdSignals(), cfg.zWatch(), cfg.zAct()));
        }
        Double prAuc = positives == 0 ? null : AveragePrecision.of(p, y);
        Map<String, Double> psi = new LinkedHashMap<>();
        Double maxPsi = null;
        String maxFeature = null;
        if (model.sidecar() != null && model.sidecar().featureDistributions() != null) {
            for (ModelSidecar.FeatureDistribution d : model.sidecar().featureDistributions()) {
                long[] counts = data.buckets().get(d.feature());
                if (counts == null) continue;
                long total = 0;
                for (long c : counts) total += c;
                Double v = total >= cfg.minPsiSignals() ? PopulationStabilityIndex.of(d, counts) : null;
                psi.put(d.feature(), v);
                if (v != null && (maxPsi == null || v > maxPsi)) {
                    maxPsi = v;
                    maxFeature = d.feature();
                }
            }
        }
        return new WindowMetrics(w.index(), w.start().toString(), w.end().toString(), data.scored(), p.length,
                data.unmatured(), positives, citl, p.length == 0 ? null : ece.ece(), ece.reliability(), thresholds,
                prAuc, psi, maxPsi, maxFeature, null, List.of());
    }
}
