package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCacheTest {
    private static final SplitMatrices DATA = SyntheticMatrices.of(5, 3000, 1000, 8, 0.1);

    private static String params(int leaves, double lr, double bagging) {
        return LightGbmParams.binary(42, 1, DATA.balancedScalePosWeight())
                .setAll(Map.of("num_leaves", leaves, "learning_rate", lr, "bagging_fraction", bagging, "feature_fraction", 0.8))
                .toString();
    }

    @Test
    void trialsOnOneCachedDatasetGiveTheModelsOfFreshDatasetsAndBinOnce() {
        String key = "cache-test-sequential";
        List<String> ps = List.of(params(15, 0.1, 0.8), params(31, 0.05, 1.0), params(7, 0.2, 0.6));
        try {
            List<TrainingRun> cached = new ArrayList<>();
            for (String p : ps) cached.add(EarlyStoppingTrainer.trainCached(key, DATA, p, 40, 0, false));
            for (int i = 0; i < ps.size(); i++) {
                TrainingRun fresh = EarlyStoppingTrainer.train(DATA, ps.get(i), 40, 0, false);
                assertEquals(fresh.modelSha256(), cached.get(i).modelSha256(), "trial " + i + " model");
                assertArrayEquals(fresh.validationCurve(), cached.get(i).validationCurve(), "trial " + i + " curve");
            }
            assertTrue(cached.get(0).datasetMillis() > 0, "the first trial bins");
            assertEquals(0, cached.get(1).datasetMillis(), "later trials reuse the bins");
            assertEquals(0, cached.get(2).datasetMillis());
        } finally {
            DatasetCache.invalidate(key);
        }
    }

    @Test
    void concurrentTrialsOnOneDatasetGiveTheModelsOfSequentialFreshTrials() throws Exception {
        String key = "cache-test-concurrent";
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < 6; i++) ps.add(params(7 + 8 * i, 0.03 + 0.02 * i, i % 2 == 0 ? 0.7 : 1.0));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<TrainingRun>> futures = new ArrayList<>();
            for (String p : ps) futures.add(pool.submit(() -> EarlyStoppingTrainer.trainCached(key, DATA, p, 30, 0, false)));
            int built = 0;
            for (int i = 0; i < ps.size(); i++) {
                TrainingRun concurrent = futures.get(i).get();
                if (concurrent.datasetMillis() > 0) built++;
                assertEquals(EarlyStoppingTrainer.train(DATA, ps.get(i), 30, 0, false).modelSha256(), concurrent.modelSha256(),
                        "trial " + i);
            }
            assertEquals(1, built, "one build for all concurrent trials");
        } finally {
            pool.shutdownNow();
            DatasetCache.invalidate(key);
        }
    }

    @Test
    void idleEntriesBeyondTheLimitAreFreedOldestFirstAndInvalidateFreesAKey() {
        String p = params(7, 0.1, 1.0);
        List<String> keys = List.of("evict-a", "evict-b", "evict-c", "evict-d");
        try {
            for (String k : keys) EarlyStoppingTrainer.trainCached(k, DATA, p, 3, 0, false);
            assertTrue(DatasetCache.size() <= DatasetCache.MAX_IDLE, "idle entries kept: " + DatasetCache.size());
            // the newest key survived; the oldest was freed and is built again
            assertEquals(0, EarlyStoppingTrainer.trainCached("evict-d", DATA, p, 3, 0, false).datasetMillis());
            assertTrue(EarlyStoppingTrainer.trainCached("evict-a", DATA, p, 3, 0, false).datasetMillis() > 0);
            DatasetCache.invalidate("evict-a");
            assertTrue(EarlyStoppingTrainer.trainCached("evict-a", DATA, p, 3, 0, false).datasetMillis() > 0,
                    "invalidated: built again");
        } finally {
            keys.forEach(DatasetCache::invalidate);
        }
        // other tests of this JVM may hold (or have had evicted) entries: count only this test's keys
        for (String k : keys) assertFalse(DatasetCache.holds(k), k + " freed");
    }
}
