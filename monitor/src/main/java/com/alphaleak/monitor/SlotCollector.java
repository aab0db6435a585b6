package com.alphaleak.monitor;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.model.ModelSidecar;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Aggregates one model's live rows into {@link SlotData} per slot of a {@link RollingWindows}:
 * counts and feature buckets are aggregated in Spark; the (probability, label) pairs of matured
 * signals, which PR-AUC needs in full, are collected (16 bytes a row: a million matured
 * signals per monitored span is 16 MB on the driver).
 */
public final class SlotCollector {
    private SlotCollector() {}

    static final String SLOT = "__slot";

    /**
     * @param rows          columns scored_at, calibrated_probability, label (int, null = not matured)
     *                      and any feature columns
     * @param distributions training histograms of the features to bucket (only those present as columns)
     */
    public static SlotData[] collect(Dataset<Row> rows, RollingWindows windows, List<ModelSidecar.FeatureDistribution> distributions) {
        long origin = windows.start().toEpochMilli() * 1000;
        long step = windows.step().toMillis() * 1000;
        Dataset<Row> in = rows
                .filter(col("scored_at").geq(lit(java.sql.Timestamp.from(windows.start())))
                        .and(col("scored_at").lt(lit(java.sql.Timestamp.from(windows.end())))))
                .withColumn(SLOT, expr("cast((unix_micros(scored_at) - " + origin + "L) div " + step + "L as int)"));
        in.cache();
        try {
            SlotData[] slots = new SlotData[windows.slots()];
            for (int i = 0; i < slots.length; i++) slots[i] = new SlotData();
            for (Row r : in.groupBy(SLOT).agg(count(lit(1)), sum(when(col("label").isNull(), 1).otherwise(0))).collectAsList()) {
                int s = r.getInt(0);
                slots[s].addScored(r.getLong(1));
                slots[s].addUnmatured(r.getLong(2));
            }
            for (Row r : in.filter(col("label").isNotNull()).select(SLOT, "calibrated_probability", "label").collectAsList()) {
                slots[r.getInt(0)].addMatured(r.getDouble(1), r.getInt(2));
            }
            if (!distributions.isEmpty()) {
                List<Column> pairs = new ArrayList<>();
                for (ModelSidecar.FeatureDistribution d : distributions) {
                    pairs.add(struct(lit(d.feature()).as("f"), bucket(d).as("b")));
                }
                Dataset<Row> counts = in.select(col(SLOT), explode(array(pairs.toArray(Column[]::new))).as("fb"))
                        .groupBy(col(SLOT), col("fb.f"), col("fb.b")).count();
                Map<String, Integer> sizes = new java.util.HashMap<>();
                for (ModelSidecar.FeatureDistribution d : distributions) sizes.put(d.feature(), d.fractions().size() + 1);
                for (Row r : counts.collectAsList()) {
                    String f = r.getString(1);
                    slots[r.getInt(0)].addBucket(f, sizes.get(f), r.getInt(2), r.getLong(3));
                }
            }
            return slots;
        } finally {
            in.unpersist();
        }
    }

    /** Bucket of a feature column: 0 = null or NaN, else 1 + number of inner edges strictly below x. */
    static Column bucket(ModelSidecar.FeatureDistribution d) {
        Column x = col(quote(d.feature())).cast("double");
        Column b = lit(1);
        for (double e : d.edges()) {
            b = b.plus(when(x.gt(lit(e)), 1).otherwise(0));
        }
        return when(x.isNull().or(isnan(x)), lit(0)).otherwise(b).cast("int");
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * The sidecar features present as columns of the live table; a present feature column that
     * is not numeric (or boolean) breaks the contract.
     */
    public static List<ModelSidecar.FeatureDistribution> present(Dataset<Row> table, String tableName, ModelSidecar sidecar) {
        if (sidecar == null || sidecar.featureDistributions() == null) return List.of();
        List<ModelSidecar.FeatureDistribution> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ModelSidecar.FeatureDistribution d : sidecar.featureDistributions()) {
            Optional<StructField> f = Arrays.stream(table.schema().fields()).filter(x -> x.name().equals(d.feature())).findFirst();
            if (f.isEmpty()) continue;
            DataType t = f.get().dataType();
            if (!(t instanceof NumericType) && !(t instanceof BooleanType)) {
                problems.add("feature column '" + d.feature() + "' of model " + sidecar.modelId() + " has type "
                        + t.simpleString() + ", expected a number");
            } else if (d.fractions().size() != d.edges().size() + 1) {
                throw new IllegalArgumentException("sidecar of " + sidecar.modelId() + ": feature " + d.feature() + " has "
                        + d.edges().size() + " edges and " + d.fractions().size() + " fractions (expected edges + 1)");
            } else {
                out.add(d);
            }
        }
        if (!problems.isEmpty()) throw new DataContractException(tableName, problems);
        return out;
    }
}
