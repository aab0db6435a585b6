package com.alphaleak.features.dataset;

import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.features.split.ChronologicalSplit;
import com.alphaleak.features.split.SplitSide;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Counts of a training set per split, computed in one pass: rows, time range, labelled rows and
 * positives per target, and an order-independent content fingerprint (row count and the sum of
 * a 64-bit hash of every row), equal for equal multisets of rows whatever the file layout.
 */
public record DatasetSummary(Map<SplitSide, SliceSummary> slices, String fingerprint) {

    /** @param from earliest event time (inclusive) @param to latest event time (inclusive) */
    public record SliceSummary(long rows, Instant from, Instant to, Map<String, LabelCount> labels) {}

    /** @param labelled rows with a label (not excluded) @param positives rows labelled 1 */
    public record LabelCount(long labelled, long positives) {
        public double positiveRate() {
            return labelled == 0 ? Double.NaN : (double) positives / labelled;
        }
    }

    public long rows() {
        return slices.values().stream().mapToLong(SliceSummary::rows).sum();
    }

    public LabelCount labels(SplitSide side, String target) {
        SliceSummary s = slices.get(side);
        return s == null ? new LabelCount(0, 0) : s.labels().getOrDefault(target, new LabelCount(0, 0));
    }

    public static DatasetSummary of(Dataset<Row> data, String timeColumn, List<TargetSpec> targets) {
        Column[] all = java.util.Arrays.stream(data.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        List<Column> aggs = new ArrayList<>();
        aggs.add(min(col(timeColumn)));
        aggs.add(max(col(timeColumn)));
        aggs.add(sum(xxhash64(struct(all)).cast(DataTypes.createDecimalType(38, 0))));
        for (TargetSpec t : targets) {
            aggs.add(count(col(t.name())));
            aggs.add(sum(col(t.name()).cast(DataTypes.LongType)));
        }
        List<Row> rows = data.groupBy(col(ChronologicalSplit.DEFAULT_COLUMN))
                .agg(count(lit(1)), aggs.toArray(Column[]::new)).collectAsList();
        Map<SplitSide, SliceSummary> slices = new LinkedHashMap<>();
        BigDecimal hashSum = BigDecimal.ZERO;
        long total = 0;
        for (SplitSide side : SplitSide.values()) {
            for (Row r : rows) {
                if (!side.label().equals(r.getString(0))) continue;
                Map<String, LabelCount> labels = new LinkedHashMap<>();
                for (int i = 0; i < targets.size(); i++) {
                    long labelled = r.getLong(5 + 2 * i);
                    long positives = r.isNullAt(6 + 2 * i) ? 0 : r.getLong(6 + 2 * i);
                    labels.put(targets.get(i).name(), new LabelCount(labelled, positives));
                }
                slices.put(side, new SliceSummary(r.getLong(1), ((Timestamp) r.get(2)).toInstant(),
                        ((Timestamp) r.get(3)).toInstant(), labels));
                total += r.getLong(1);
                hashSum = hashSum.add(r.getDecimal(4));
            }
        }
        return new DatasetSummary(slices, total + "-" + hashSum.toBigInteger().toString(16));
    }
}
