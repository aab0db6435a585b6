package com.alphaleak.monitor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the monitor keeps of one slot (one step of signal time) of one model: the calibrated
 * probabilities and labels of its matured signals, how many were scored and how many have not
 * matured, and per feature the live bucket counts for PSI (missing first). Windows are sums of
 * consecutive slots.
 */
public final class SlotData {
    private double[] p = new double[16];
    private int[] y = new int[16];
    private int n;
    private long scored;
    private long unmatured;
    private final Map<String, long[]> buckets = new LinkedHashMap<>();

    public void addMatured(double probability, int label) {
        if (n == p.length) {
            p = Arrays.copyOf(p, n * 2);
            y = Arrays.copyOf(y, n * 2);
        }
        p[n] = probability;
        y[n++] = label;
    }

    public void addScored(long count) {
        scored += count;
    }

    public void addUnmatured(long count) {
        unmatured += count;
    }

    /** Adds {@code count} rows to bucket {@code bucket} of a feature with {@code buckets} buckets. */
    public void addBucket(String feature, int bucketCount, int bucket, long count) {
        buckets.computeIfAbsent(feature, f -> new long[bucketCount])[bucket] += count;
    }

    public int matured() {
        return n;
    }

    public double[] probabilities() {
        return Arrays.copyOf(p, n);
    }

    public int[] labels() {
        return Arrays.copyOf(y, n);
    }

    public long scored() {
        return scored;
    }

    public long unmatured() {
        return unmatured;
    }

    public Map<String, long[]> buckets() {
        return buckets;
    }

    /** The sum of consecutive slots. */
    public static SlotData merge(SlotData[] slots, int from, int toExclusive) {
        SlotData out = new SlotData();
        for (int i = from; i < toExclusive; i++) {
            SlotData s = slots[i];
            if (s == null) continue;
            for (int k = 0; k < s.n; k++) out.addMatured(s.p[k], s.y[k]);
            out.scored += s.scored;
            out.unmatured += s.unmatured;
            for (Map.Entry<String, long[]> e : s.buckets.entrySet()) {
                long[] dst = out.buckets.computeIfAbsent(e.getKey(), f -> new long[e.getValue().length]);
                for (int b = 0; b < dst.length; b++) dst[b] += e.getValue()[b];
            }
        }
        return out;
    }
}
