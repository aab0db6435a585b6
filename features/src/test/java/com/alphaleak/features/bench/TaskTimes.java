package com.alphaleak.features.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Task durations since the last {@link #reset()}, by stage. The largest task of each stage bounds
 * how fast that stage can go with any number of cores, so their sum (the critical path) shows what
 * skew costs on a cluster even when two local cores hide it.
 */
final class TaskTimes extends SparkListener {
    private final Map<Integer, List<Double>> byStage = new HashMap<>();

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        byStage.computeIfAbsent(end.stageId(), s -> new ArrayList<>()).add(end.taskInfo().duration() / 1000.0);
    }

    synchronized void reset() {
        byStage.clear();
    }

    /** Seconds: max task, median task, sum over stages of each stage's max task, and the task count. */
    record Summary(double maxTask, double medianTask, double criticalPath, int tasks) {}

    synchronized Summary summary() {
        double[] all = byStage.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
        double critical = byStage.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).max().orElse(0)).sum();
        if (all.length == 0) return new Summary(0, 0, 0, 0);
        return new Summary(all[all.length - 1], all[all.length / 2], critical, all.length);
    }

    /** One line per stage (tasks, max, median, sum), for looking into a run. */
    synchronized String stages() {
        StringBuilder sb = new StringBuilder();
        byStage.keySet().stream().sorted().forEach(id -> {
            double[] d = byStage.get(id).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            sb.append(String.format("    stage %4d: %4d tasks, max %6.2f s, median %6.2f s, sum %7.2f s%n", id, d.length,
                    d[d.length - 1], d[d.length / 2], Arrays.stream(d).sum()));
        });
        return sb.toString();
    }
}
