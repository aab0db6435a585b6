package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.SplitMatrices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binned LightGBM datasets of a search (training slice, and validation slice on the training
 * slice's bins), built once per JVM and shared by every trial that runs in it.
 *
 * <p>Why: binning is a fixed cost per trial that does not depend on the trial's parameters (only
 * on the rows and {@link EarlyStoppingTrainer#DATASET_PARAMS}); on 800k rows it is seconds, paid
 * again by every trial. A booster only reads its datasets, so trials running at once on one
 * executor can boost on the same handles (tested: concurrent trials give the models sequential
 * trials on fresh datasets give).
 *
 * <p>Entries are keyed by (data key, dataset parameter string) and reference-counted by {@link
 * Lease}. At most {@value #MAX_IDLE} entries nobody uses are kept (least recently used freed first),
 * so an executor that served an earlier target frees it once newer searches arrive; {@link
 * #invalidate} frees a search's entries in this JVM as soon as their last lease closes.
 */
public final class DatasetCache {
    /** Idle entries kept: the current search's and one more (its predecessor, or the next target's). */
    static final int MAX_IDLE = 2;

    private record Key(String dataKey, String params) {}

    private static final Map<Key, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true);

    private DatasetCache() {}

    /**
     * The datasets of {@code data} for {@code dataKey}, building them if this JVM has none yet
     * (concurrent callers for the same key wait for one build). Close the lease when done.
     */
    public static Lease acquire(String dataKey, SplitMatrices data, String datasetParams) {
        Key key = new Key(dataKey, datasetParams);
        Entry e;
        synchronized (ENTRIES) {
            e = ENTRIES.computeIfAbsent(key, k -> new Entry());
            e.users++;
        }
        try {
            long builtMillis = e.build(data, datasetParams);
            return new Lease(key, e, builtMillis);
        } catch (RuntimeException | Error ex) {
            release(key, e);
            throw ex;
        }
    }

    /** Frees the entries of {@code dataKey} now, or when their last lease closes. */
    public static void invalidate(String dataKey) {
        List<Entry> free = new ArrayList<>();
        synchronized (ENTRIES) {
            for (Iterator<Map.Entry<Key, Entry>> it = ENTRIES.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Entry> me = it.next();
                if (!me.getKey().dataKey().equals(dataKey)) continue;
                it.remove();
                me.getValue().removed = true;
                if (me.getValue().users == 0) free.add(me.getValue());
            }
        }
        free.forEach(Entry::free);
    }

    /** Entries held in this JVM (for tests and diagnostics). */
    public static int size() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /** Whether this JVM holds an entry for {@code dataKey} (for tests and diagnostics). */
    public static boolean holds(String dataKey) {
        synchronized (ENTRIES) {
            return ENTRIES.keySet().stream().anyMatch(k -> k.dataKey().equals(dataKey));
        }
    }

    private static void release(Key key, Entry e) {
        List<Entry> free = new ArrayList<>();
        synchronized (ENTRIES) {
            e.users--;
            if (e.users == 0 && (e.removed || !e.built())) {
                // invalidated while in use, or a failed build: nothing may find it any more
                ENTRIES.remove(key, e);
                free.add(e);
            }
            long idle = ENTRIES.values().stream().filter(x -> x.users == 0).count();
            for (Iterator<Entry> it = ENTRIES.values().iterator(); idle > MAX_IDLE && it.hasNext(); ) {
                Entry x = it.next(); // access order: least recently acquired first
                if (x.users == 0) {
                    it.remove();
                    free.add(x);
                    idle--;
                }
            }
        }
        free.forEach(Entry::free);
    }

    /** A trial's use of an entry: the two datasets, valid until {@link #close()}. */
    public static final class Lease implements AutoCloseable {
        private final Key key;
        private final Entry entry;
        private final long buildMillis;
        private boolean closed;

        private Lease(Key key, Entry entry, long buildMillis) {
            this.key = key;
            this.entry = entry;
            this.buildMillis = buildMillis;
        }

        public NativeDataset train() {
            return entry.train;
        }

        public NativeDataset validation() {
            return entry.validation;
        }

        /** Milliseconds this acquisition spent binning (0 when the datasets were already there). */
        public long buildMillis() {
            return buildMillis;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            release(key, entry);
        }
    }

    private static final class Entry {
        private NativeDataset train;
        private NativeDataset validation;
        private int users; // guarded by ENTRIES
        private boolean removed; // guarded by ENTRIES

        /** Builds once; returns the milliseconds spent when this call built, else 0. */
        synchronized long build(SplitMatrices data, String params) {
            if (train != null) return 0;
            long t0 = System.nanoTime();
            NativeDataset t = NativeDataset.of(data.train(), data.featureNames(), params, null);
            try {
                validation = NativeDataset.of(data.validation(), data.featureNames(), params, t);
            } catch (RuntimeException | Error ex) {
                t.close();
                throw ex;
            }
            train = t;
            return Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        }

        synchronized boolean built() {
            return train != null;
        }

        synchronized void free() {
            if (validation != null) validation.close();
            if (train != null) train.close();
            validation = null;
            train = null;
        }
    }
}
