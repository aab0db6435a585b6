package com.alphaleak.training.data;

import com.alphaleak.concurrent.InOrderParallel;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.features.split.SplitSide;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * A training set's rows on the driver, collected once for several of its targets: the features
 * (null becomes NaN, LightGBM's missing value), each target's label (null = not labelled) and each
 * row's slice, ordered by (time, id). {@link #forTarget} gives exactly the matrices
 * {@link MatrixCollector#collect} gives for that target (its labelled rows, in the same order), so
 * the targets of one dataset pay for one collection instead of one each.
 *
 * <p>Rows are packed into arrays per partition where they are read (no shuffle, no boxed value per
 * cell on the driver), fetched one partition per job with a few jobs at once, and put in order on
 * the driver.
 */
public final class LabelledRows {
    private static final byte TRAIN = 0;
    private static final byte VALIDATION = 1;
    private static final byte CALIBRATION = 2;

    private final String table;
    private final List<String> features;
    private final List<String> targets;
    private final List<Chunk> chunks;
    /** The i-th row in (time, id) order is row {@code rowOf[i]} of chunk {@code chunkOf[i]}. */
    private final int[] chunkOf;
    private final int[] rowOf;

    private LabelledRows(String table, List<String> features, List<String> targets, List<Chunk> chunks, int[] chunkOf, int[] rowOf) {
        this.table = table;
        this.features = List.copyOf(features);
        this.targets = List.copyOf(targets);
        this.chunks = chunks;
        this.chunkOf = chunkOf;
        this.rowOf = rowOf;
    }

    /**
     * Collects the rows of {@code data} labelled for at least one of {@code targets}.
     *
     * @param table names the table in errors
     * @throws DataContractException when a feature, a target or the id, time or split column is absent
     */
    public static LabelledRows collect(String table, Dataset<Row> data, List<String> features, List<String> targets,
                                       String idColumn, String timeColumn, String splitColumn) {
        return collect(table, data, features, targets, Map.of(), idColumn, timeColumn, splitColumn);
    }

    /**
     * As {@link #collect(String, Dataset, List, List, String, String, String)}, with the training
     * slice of each target in {@code peakLabels} learning from its soft label ({@link DenseMatrix#targets}),
     * computed where the rows are read. Every labelled row of such a target must have a positive
     * peak that agrees with its label.
     *
     * @throws DataContractException also when a peak column is absent (a table built before the
     *         datasets carried peaks: rebuild it), or a labelled row's peak is missing, not positive or
     *         contradicts its label (naming the column, the count and the first row ids)
     */
    public static LabelledRows collect(String table, Dataset<Row> data, List<String> features, List<String> targets,
                                       Map<String, PeakLabel> peakLabels, String idColumn, String timeColumn, String splitColumn) {
        if (targets.isEmpty()) throw new IllegalArgumentException("no target to collect rows for");
        if (!targets.containsAll(peakLabels.keySet())) {
            throw new IllegalArgumentException("peak labels for " + peakLabels.keySet() + " but rows collected for " + targets);
        }
        List<String> missing = new ArrayList<>();
        List<String> present = List.of(data.columns());
        for (String c : features) if (!present.contains(c)) missing.add(c);
        for (String c : targets) if (!present.contains(c)) missing.add(c);
        for (PeakLabel p : peakLabels.values()) if (!present.contains(p.column()) && !missing.contains(p.column())) missing.add(p.column());
        for (String c : List.of(idColumn, timeColumn, splitColumn)) if (!present.contains(c)) missing.add(c);
        if (!missing.isEmpty()) {
            String why = "missing column(s) " + missing + " (has " + present + ")";
            if (missing.stream().anyMatch(c -> c.startsWith("peak_multiple_"))) {
                why += "; peak labels (tuning.peak-label) need a dataset built with its peak multiples: build-dataset again";
            }
            throw new DataContractException(table, List.of(why));
        }
        Column time = switch (data.schema().apply(timeColumn).dataType().typeName()) {
            case "timestamp" -> unix_micros(col(timeColumn));
            case "long", "integer" -> col(timeColumn).cast("long");
            default -> throw new DataContractException(table, List.of("column " + timeColumn + " is "
                    + data.schema().apply(timeColumn).dataType().simpleString() + ", not a timestamp"));
        };
        List<Column> select = new ArrayList<>();
        select.add(time);
        select.add(col(idColumn).cast("string"));
        select.add(col(splitColumn));
        for (String t : targets) select.add(col(t).cast("int"));
        PeakLabel[] peaks = new PeakLabel[targets.size()];
        for (int t = 0; t < targets.size(); t++) {
            peaks[t] = peakLabels.get(targets.get(t));
            select.add(peaks[t] == null ? lit(null).cast("double") : col(peaks[t].column()).cast("double"));
        }
        for (String f : features) select.add(when(col(f).isNull(), lit(Double.NaN)).otherwise(col(f).cast("double")));
        Column anyLabel = null;
        for (String t : targets) anyLabel = anyLabel == null ? col(t).isNotNull() : anyLabel.or(col(t).isNotNull());
        // No shuffle: partitions are packed where they are read and the driver orders the rows.
        JavaRDD<Chunk> packed = data.where(anyLabel).select(select.toArray(Column[]::new)).javaRDD()
                .mapPartitions(new Pack(targets.size(), features.size(), peaks));
        List<Chunk> chunks = fetch(packed, data.sparkSession().sparkContext().defaultParallelism());
        checkPeaks(table, targets, peaks, chunks);
        long total = 0;
        for (Chunk c : chunks) total += c.rows;
        if (total * features.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(table + ": " + total + " rows x " + features.size()
                    + " features do not fit one in-memory matrix (at most " + (Integer.MAX_VALUE - 8) + " values)");
        }
        int[][] order = order(chunks);
        // Only the ordering needs the times and ids (tens of MB at 1M rows): not kept beyond it.
        List<Chunk> held = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) held.add(c.withoutOrderKeys());
        return new LabelledRows(table, features, targets, held, order[0], order[1]);
    }

    /**
     * The packed partitions in partition order, one partition per job (so no job's result is more
     * than one partition, whatever {@code spark.driver.maxResultSize} allows), up to {@code parallel}
     * jobs at once.
     */
    private static List<Chunk> fetch(JavaRDD<Chunk> packed, int parallel) {
        int partitions = packed.getNumPartitions();
        List<Callable<List<Chunk>>> jobs = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int[] one = {p};
            jobs.add(() -> packed.collectPartitions(one)[0]);
        }
        List<Chunk> chunks = new ArrayList<>();
        for (List<Chunk> part : InOrderParallel.run(jobs, Math.max(1, parallel), "labelled-rows-fetch")) {
            for (Chunk c : part) if (c.rows > 0) chunks.add(c);
        }
        return chunks;
    }

    /**
     * Positions (chunk, row) of the rows of {@code chunks} in (time, id) order as Spark orders them
     * (ascending, null first, strings by their UTF-8 bytes), so the order never depends on files.
     */
    static int[][] order(List<Chunk> chunks) {
        int n = 0;
        for (Chunk c : chunks) n += c.rows;
        int[] chunkOf = new int[n];
        int[] rowOf = new int[n];
        int k = 0;
        for (int ci = 0; ci < chunks.size(); ci++) {
            for (int r = 0; r < chunks.get(ci).rows; r++) {
                chunkOf[k] = ci;
                rowOf[k++] = r;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Comparator<Integer> byTime = (x, y) -> {
            Chunk a = chunks.get(chunkOf[x]);
            Chunk b = chunks.get(chunkOf[y]);
            boolean ka = a.timeKnown[rowOf[x]];
            boolean kb = b.timeKnown[rowOf[y]];
            if (ka != kb) return ka ? 1 : -1; // null first
            return ka ? Long.compare(a.times[rowOf[x]], b.times[rowOf[y]]) : 0;
        };
        Comparator<Integer> byId = Comparator.comparing((Integer i) -> chunks.get(chunkOf[i]).ids[rowOf[i]],
                Comparator.nullsFirst(Arrays::compareUnsigned));
        Arrays.sort(order, byTime.thenComparing(byId));
        int[][] out = new int[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = chunkOf[order[i]];
            out[1][i] = rowOf[order[i]];
        }
        return out;
    }

    /** Rows held (labelled for at least one target). */
    public long rows() {
        return chunkOf.length;
    }

    public List<String> targets() {
        return targets;
    }

    /**
     * The labelled rows of {@code target} as train, validation and (when any row has another slice
     * label) calibration matrices.
     *
     * @throws DataContractException when the training or validation slice has no labelled row, no
     *         positive or no negative (the calibration slice too, when present)
     */
    public SplitMatrices forTarget(String target) {
        int t = targets.indexOf(target);
        if (t < 0) throw new IllegalArgumentException("rows were collected for " + targets + ", not " + target);
        int cols = features.size();
        int[] counts = new int[3];
        for (Chunk c : chunks) {
            for (int r = 0; r < c.rows; r++) if (c.labelled[t][r]) counts[c.sides[r]]++;
        }
        double[][] values = new double[3][];
        int[][] labels = new int[3][];
        for (int s = 0; s < 3; s++) {
            values[s] = new double[counts[s] * cols];
            labels[s] = new int[counts[s]];
        }
        // Only the training slice learns from a soft label: validation and calibration keep their 0/1 labels.
        boolean soft = !chunks.isEmpty() && chunks.get(0).soft[t] != null;
        float[] trainTargets = soft ? new float[counts[TRAIN]] : null;
        int[] next = new int[3];
        for (int i = 0; i < chunkOf.length; i++) {
            Chunk c = chunks.get(chunkOf[i]);
            int r = rowOf[i];
            if (!c.labelled[t][r]) continue;
            int s = c.sides[r];
            System.arraycopy(c.values, r * cols, values[s], next[s] * cols, cols);
            if (soft && s == TRAIN) trainTargets[next[s]] = c.soft[t][r];
            labels[s][next[s]++] = c.labels[t][r];
        }
        DenseMatrix train = new DenseMatrix(counts[TRAIN], cols, values[TRAIN], labels[TRAIN], trainTargets);
        DenseMatrix validation = new DenseMatrix(counts[VALIDATION], cols, values[VALIDATION], labels[VALIDATION]);
        DenseMatrix calibration = new DenseMatrix(counts[CALIBRATION], cols, values[CALIBRATION], labels[CALIBRATION]);
        List<String> problems = new ArrayList<>();
        check(train, SplitSide.TRAIN.label(), target, problems);
        check(validation, SplitSide.VALIDATION.label(), target, problems);
        if (calibration.rows() > 0) check(calibration, SplitSide.CALIBRATION.label(), target, problems);
        if (!problems.isEmpty()) throw new DataContractException(table, problems);
        return new SplitMatrices(features, target, train, validation, calibration.rows() > 0 ? calibration : null);
    }

    private static void check(DenseMatrix m, String side, String target, List<String> problems) {
        long pos = m.positives();
        if (m.rows() == 0) problems.add("column " + target + ": no labelled rows in the " + side + " slice");
        else if (pos == 0) problems.add("column " + target + ": no positives among the " + m.rows() + " labelled rows of the " + side + " slice");
        else if (pos == m.rows()) problems.add("column " + target + ": no negatives among the " + m.rows() + " labelled rows of the " + side + " slice");
    }

    /**
     * One partition's rows, packed: row-major values, a slice code per row, per target a label and
     * whether it is set, and for a target with a peak label its soft label per row (else null) and
     * the labelled rows whose peak is unusable (count, first ids).
     */
    record Chunk(int rows, double[] values, byte[] sides, int[][] labels, boolean[][] labelled, float[][] soft, long[] badPeaks,
                 List<List<String>> badPeakIds, long[] times, boolean[] timeKnown, byte[][] ids) implements Serializable {
        Chunk withoutOrderKeys() {
            return new Chunk(rows, values, sides, labels, labelled, soft, badPeaks, badPeakIds, null, null, null);
        }
    }

    /** Refuses rows whose peak is missing, not positive or contradicts the label, naming the column and the first ids. */
    private static void checkPeaks(String table, List<String> targets, PeakLabel[] peaks, List<Chunk> chunks) {
        List<String> problems = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            if (peaks[t] == null) continue;
            long bad = 0;
            List<String> ids = new ArrayList<>();
            for (Chunk c : chunks) {
                bad += c.badPeaks[t];
                for (String id : c.badPeakIds.get(t)) if (ids.size() < PeakLabel.IDS_SHOWN) ids.add(id);
            }
            if (bad > 0) problems.add(peaks[t].problem(targets.get(t), bad, ids));
        }
        if (!problems.isEmpty()) throw new DataContractException(table, problems);
    }

    /** Packs a partition of (time, id, split, targets..., peaks..., features...) rows into one {@link Chunk}. */
    private record Pack(int targetCount, int cols, PeakLabel[] peaks) implements FlatMapFunction<Iterator<Row>, Chunk> {
        @Override
        public Iterator<Chunk> call(Iterator<Row> it) {
            int capacity = 1024;
            double[] values = new double[capacity * cols];
            byte[] sides = new byte[capacity];
            int[][] labels = new int[targetCount][capacity];
            boolean[][] labelled = new boolean[targetCount][capacity];
            float[][] soft = new float[targetCount][];
            for (int t = 0; t < targetCount; t++) if (peaks[t] != null) soft[t] = new float[capacity];
            long[] badPeaks = new long[targetCount];
            List<List<String>> badIds = new ArrayList<>();
            for (int t = 0; t < targetCount; t++) badIds.add(new ArrayList<>());
            long[] times = new long[capacity];
            boolean[] timeKnown = new boolean[capacity];
            byte[][] ids = new byte[capacity][];
            int n = 0;
            while (it.hasNext()) {
                Row r = it.next();
                if (n == capacity) {
                    capacity *= 2;
                    values = Arrays.copyOf(values, capacity * cols);
                    sides = Arrays.copyOf(sides, capacity);
                    times = Arrays.copyOf(times, capacity);
                    timeKnown = Arrays.copyOf(timeKnown, capacity);
                    ids = Arrays.copyOf(ids, capacity);
                    for (int t = 0; t < targetCount; t++) {
                        labels[t] = Arrays.copyOf(labels[t], capacity);
                        labelled[t] = Arrays.copyOf(labelled[t], capacity);
                        if (soft[t] != null) soft[t] = Arrays.copyOf(soft[t], capacity);
                    }
                }
                timeKnown[n] = !r.isNullAt(0);
                if (timeKnown[n]) times[n] = r.getLong(0);
                ids[n] = r.isNullAt(1) ? null : r.getString(1).getBytes(StandardCharsets.UTF_8);
                String side = r.getString(2);
                // As MatrixCollector: anything that is not train or validation is the calibration slice.
                sides[n] = SplitSide.TRAIN.label().equals(side) ? TRAIN : SplitSide.VALIDATION.label().equals(side) ? VALIDATION : CALIBRATION;
                for (int t = 0; t < targetCount; t++) {
                    if (!r.isNullAt(3 + t)) {
                        labelled[t][n] = true;
                        labels[t][n] = r.getInt(3 + t);
                        if (peaks[t] != null) {
                            int at = 3 + targetCount + t;
                            double peak = r.isNullAt(at) ? Double.NaN : r.getDouble(at);
                            soft[t][n] = peaks[t].ofLabelled(peak, labels[t][n]);
                            if (Float.isNaN(soft[t][n])) {
                                if (badPeaks[t]++ < PeakLabel.IDS_SHOWN) badIds.get(t).add(r.isNullAt(1) ? "null" : r.getString(1));
                            }
                        }
                    }
                }
                int base = n * cols;
                int first = 3 + 2 * targetCount;
                for (int c = 0; c < cols; c++) values[base + c] = r.getDouble(first + c);
                n++;
            }
            int rows = n;
            int[][] l = new int[targetCount][];
            boolean[][] set = new boolean[targetCount][];
            float[][] sf = new float[targetCount][];
            for (int t = 0; t < targetCount; t++) {
                l[t] = Arrays.copyOf(labels[t], rows);
                set[t] = Arrays.copyOf(labelled[t], rows);
                if (soft[t] != null) sf[t] = Arrays.copyOf(soft[t], rows);
            }
            return List.of(new Chunk(rows, Arrays.copyOf(values, rows * cols), Arrays.copyOf(sides, rows), l, set, sf, badPeaks, badIds,
                    Arrays.copyOf(times, rows), Arrays.copyOf(timeKnown, rows), Arrays.copyOf(ids, rows))).iterator();
        }
    }
}
