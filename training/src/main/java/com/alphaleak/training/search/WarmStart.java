package com.alphaleak.training.search;

import com.alphaleak.training.tpe.Distribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fits an earlier search's best parameters to the current search space: every parameter must be
 * present, numeric values are clamped into the current bounds (integers rounded), categorical
 * values must still be a choice. When they cannot be fitted the search starts cold, with a log line
 * saying why, because a warm start is an optimisation, never a reason to fail a run.
 */
public final class WarmStart {
    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);

    private WarmStart() {}

    public static Optional<Map<String, Object>> fit(Optional<Map<String, Object>> previous, Map<String, Distribution> space) {
        if (previous.isEmpty()) return Optional.empty();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.entrySet()) {
            Object v = previous.get().get(e.getKey());
            if (v == null) {
                LOG.info("warm start skipped: previous best has no {}", e.getKey());
                return Optional.empty();
            }
            Distribution d = e.getValue();
            if (d instanceof Distribution.FloatRange f) {
                out.put(e.getKey(), Math.min(f.high(), Math.max(f.low(), ((Number) v).doubleValue())));
            } else if (d instanceof Distribution.IntRange i) {
                out.put(e.getKey(), (int) Math.min(i.high(), Math.max(i.low(), Math.round(((Number) v).doubleValue()))));
            } else if (d instanceof Distribution.Categorical c) {
                if (!c.choices().contains(String.valueOf(v))) {
                    LOG.info("warm start skipped: {}={} is no longer a choice", e.getKey(), v);
                    return Optional.empty();
                }
                out.put(e.getKey(), String.valueOf(v));
            }
        }
        return Optional.of(out);
    }
}
