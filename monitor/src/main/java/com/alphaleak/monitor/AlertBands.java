package com.alphaleak.monitor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Alert bands of one model: for each metric, mean +/- k standard deviations of its values over
 * the backtest windows (the validation period, scored by the same model, cut into windows of
 * the live window length and step). A live value outside its band is unusual for this model
 * at this window size, which the sampling noise of a single window cannot tell alone (a model
 * is never perfectly calibrated; the band absorbs its normal level of miscalibration).
 *
 * <p>A band needs at least {@link #MIN_WINDOWS} backtest windows with enough matured positives;
 * with fewer, the metric has no band and the monitor falls back to the statistical test alone
 * (calibration) or reports without a verdict (ECE).
 *
 * @param windows backtest windows the bands were computed from
 * @param bands   metric name ({@link #CITL_DIFFERENCE}, {@link #ECE}, {@link #PR_AUC}) to band
 */
public record AlertBands(String modelId, String window, String step, double k, int windows, Map<String, Band> bands) {
    public static final int MIN_WINDOWS = 3;
    public static final String CITL_DIFFERENCE = "citl_difference";
    public static final String ECE = "ece";
    public static final String PR_AUC = "pr_auc";

    /** @param sd sample standard deviation (n - 1) */
    public record Band(double mean, double sd, double low, double high, int windows) {
        public boolean contains(double v) {
            return v >= low && v <= high;
        }
    }

    public Band band(String metric) {
        return bands.get(metric);
    }

    /**
     * @param backtest windows evaluated on the validation period; only windows with a verdict
     *                 (not insufficient_data) count
     */
    public static AlertBands fromWindows(String modelId, String window, String step, List<WindowMetrics> backtest, double k) {
        List<WindowMetrics> usable = backtest.stream().filter(w -> w.level() != Level.INSUFFICIENT_DATA).toList();
        Map<String, Band> bands = new LinkedHashMap<>();
        put(bands, CITL_DIFFERENCE, usable, w -> w.calibration() == null ? null : w.calibration().difference(), k);
        put(bands, ECE, usable, WindowMetrics::ece, k);
        put(bands, PR_AUC, usable, WindowMetrics::prAuc, k);
        return new AlertBands(modelId, window, step, k, usable.size(), bands);
    }

    private static void put(Map<String, Band> bands, String name, List<WindowMetrics> ws, Function<WindowMetrics, Double> f, double k) {
        List<Double> v = new ArrayList<>();
        for (WindowMetrics w : ws) {
            Double x = f.apply(w);
            if (x != null && !x.isNaN()) v.add(x);
        }
        if (v.size() < MIN_WINDOWS) return;
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (v.size() - 1));
        bands.put(name, new Band(mean, sd, mean - k * sd, mean + k * sd, v.size()));
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AlertBands fromJson(String json) {
        try {
            return JSON.readValue(json, AlertBands.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable alert bands: " + e.getMessage(), e);
        }
    }

    public static String fileName(String modelId) {
        return modelId + "_alert_bands.json";
    }
}
