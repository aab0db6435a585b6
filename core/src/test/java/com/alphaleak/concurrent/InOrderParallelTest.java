package com.alphaleak.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InOrderParallelTest {
    @Test
    void resultsComeInSubmissionOrderAndNeverMoreThanNRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int k = i;
            tasks.add(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep((12 - k) * 3L); // later tasks finish first
                running.decrementAndGet();
                return k * k;
            });
        }
        List<Integer> out = InOrderParallel.run(tasks, 3, "t");
        for (int i = 0; i < 12; i++) assertEquals(i * i, out.get(i));
        assertTrue(peak.get() <= 3, "peak " + peak.get());
        assertTrue(peak.get() >= 2, "ran in parallel, peak " + peak.get());
    }

    @Test
    void twoTasksOverlapWhenTheFirstWaitsForTheSecond() throws Exception {
        // the point of running targets at once: the second starts while the first still runs
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(
                () -> secondStarted.await(10, TimeUnit.SECONDS) ? "first saw second" : "no overlap",
                () -> {
                    secondStarted.countDown();
                    return "second";
                });
        assertEquals(List.of("first saw second", "second"), InOrderParallel.run(tasks, 2, "t"));
    }

    @Test
    void aFailureStopsQueuedTasksLetsRunningOnesFinishAndIsRethrownAsItWas() {
        ConcurrentLinkedQueue<Integer> started = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> finished = new ConcurrentLinkedQueue<>();
        IllegalArgumentException boom = new IllegalArgumentException("target 1 failed");
        CountDownLatch failedFirst = new CountDownLatch(1);
        CountDownLatch zeroStarted = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int k = i;
            tasks.add(() -> {
                started.add(k);
                if (k == 0) zeroStarted.countDown();
                if (k == 1) {
                    zeroStarted.await(10, TimeUnit.SECONDS); // task 0 is running when task 1 fails
                    failedFirst.countDown();
                    throw boom;
                }
                if (k == 0) {
                    failedFirst.await(10, TimeUnit.SECONDS); // running while task 1 fails
                    // task 1's thread records the failure right after throwing, then takes the next
                    // queued task (and skips it); this thread must not race it to the queue
                    Thread.sleep(300);
                }
                finished.add(k);
                return k;
            });
        }
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> InOrderParallel.run(tasks, 2, "t"));
        assertSame(boom, thrown);
        assertTrue(finished.contains(0), "the running task finished: " + finished);
        assertTrue(started.size() < 6, "queued tasks were not started after the failure: " + started);
    }

    @Test
    void oneAtATimeIsAPlainLoop() {
        List<String> order = new ArrayList<>();
        List<Callable<Integer>> tasks = List.of(() -> { order.add("a"); return 1; }, () -> { order.add("b"); return 2; });
        assertEquals(List.of(1, 2), InOrderParallel.run(tasks, 1, "t"));
        assertEquals(List.of("a", "b"), order);
    }
}
