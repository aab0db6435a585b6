package com.alphaleak.monitor;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The monitor's input tables, written by the live system (not by this pipeline), and their
 * row-level checks. Column names are case-sensitive; extra columns are allowed (feature columns
 * of the scored signals are used for PSI when their names match the model's feature names).
 */
public final class MonitorContracts {
    private MonitorContracts() {}

    /**
     * One row per (signal, model): the calibrated probability the live model gave the signal.
     * Unique on (signal_id, model_id). Optional extra columns: the model's features as scored
     * (numeric; null or NaN = missing), used for feature drift.
     */
    public static final TableContract SCORED_SIGNALS = TableContract.builder("scored_signals")
            .required("signal_id", DataTypes.StringType, "signal (or token, for genesis models) that was scored")
            .required("model_id", DataTypes.StringType, "model_id of the sidecar of the model that scored it")
            .required("target", DataTypes.StringType, "target of the model, e.g. reach_2x_1h")
            .required("scored_at", DataTypes.TimestampType, "instant the live host scored the signal (UTC)")
            .required("calibrated_probability", DataTypes.DoubleType, "sigmoid(platt_a * margin + platt_b), in [0, 1]")
            .build();

    /**
     * One row per (signal, target) whose horizon has elapsed and whose outcome was observed:
     * {@code label} is the reach_<M>x_<H> outcome. Unique on (signal_id, target). Rows with
     * {@code matured_at} after the monitor's as-of instant are ignored (not yet known then).
     */
    public static final TableContract MATURED_OUTCOMES = TableContract.builder("matured_outcomes")
            .required("signal_id", DataTypes.StringType, "signal the outcome belongs to")
            .required("target", DataTypes.StringType, "target name, e.g. reach_2x_1h")
            .required("label", DataTypes.IntegerType, "1 when the target was reached within its horizon, else 0")
            .required("matured_at", DataTypes.TimestampType, "instant the outcome became known (>= scored_at + horizon)")
            .build();

    /** The validation period scored by each model, with labels: for alert bands. */
    public static final TableContract BACKTEST = TableContract.builder("backtest")
            .required("signal_id", DataTypes.StringType, "validation signal")
            .required("model_id", DataTypes.StringType, "model that scored it")
            .required("target", DataTypes.StringType, "target of the model")
            .required("scored_at", DataTypes.TimestampType, "signal time")
            .required("calibrated_probability", DataTypes.DoubleType, "calibrated probability in [0, 1]")
            .required("label", DataTypes.IntegerType, "outcome 0/1")
            .build();

    /** Schema plus row checks of the scored signals. */
    public static void validateScoredSignals(Dataset<Row> df) {
        validate(df, SCORED_SIGNALS, List.of("signal_id", "model_id"), true, false);
    }

    public static void validateMaturedOutcomes(Dataset<Row> df) {
        validate(df, MATURED_OUTCOMES, List.of("signal_id", "target"), false, true);
    }

    public static void validateBacktest(Dataset<Row> df) {
        validate(df, BACKTEST, List.of("signal_id", "model_id"), true, true);
    }

    /**
     * Missing columns and wrong types (all at once), then in one pass: nulls in any contracted
     * column, probabilities outside [0, 1] or NaN, labels other than 0/1, duplicate keys.
     */
    private static void validate(Dataset<Row> df, TableContract contract, List<String> key, boolean probability, boolean label) {
        SchemaValidator.validate(df, contract);
        List<Column> aggs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String c : contract.columnNames()) {
            aggs.add(sum(when(col(c).isNull(), 1).otherwise(0)));
            names.add("null " + c);
        }
        if (probability) {
            Column p = col("calibrated_probability");
            aggs.add(sum(when(p.isNotNull().and(isnan(p).or(p.lt(0)).or(p.gt(1))), 1).otherwise(0)));
            names.add("probability");
        }
        if (label) {
            aggs.add(sum(when(col("label").isNotNull().and(col("label").isin(0, 1).unary_$bang()), 1).otherwise(0)));
            names.add("label");
        }
        aggs.add(count(lit(1)));
        names.add("rows");
        Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).head();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size() - 1; i++) {
            long bad = r.isNullAt(i) ? 0 : r.getLong(i);
            if (bad == 0) continue;
            String n = names.get(i);
            if (n.startsWith("null ")) {
                String c = n.substring(5);
                problems.add("column '" + c + "' is null in " + bad + " rows" + examples(df.filter(col(c).isNull()), key));
            } else if (n.equals("probability")) {
                Column p = col("calibrated_probability");
                problems.add("column 'calibrated_probability' is NaN or outside [0, 1] in " + bad + " rows"
                        + examples(df.filter(isnan(p).or(p.lt(0)).or(p.gt(1))), key));
            } else {
                problems.add("column 'label' is not 0 or 1 in " + bad + " rows"
                        + examples(df.filter(col("label").isin(0, 1).unary_$bang()), key));
            }
        }
        Dataset<Row> dups = df.groupBy(key.stream().map(k -> col(k)).toArray(Column[]::new)).count().filter(col("count").gt(1));
        long dupKeys = dups.count();
        if (dupKeys > 0) {
            problems.add(dupKeys + " duplicate keys (" + String.join(", ", key) + "), e.g. "
                    + dups.limit(3).collectAsList().stream().map(x -> x.mkString("/")).toList());
        }
        if (!problems.isEmpty()) {
            throw new DataContractException(contract.name(), problems);
        }
    }

    private static String examples(Dataset<Row> bad, List<String> key) {
        List<Row> rows = bad.select(key.stream().map(k -> col(k)).toArray(Column[]::new)).limit(3).collectAsList();
        return rows.isEmpty() ? "" : ", e.g. " + rows.stream().map(x -> x.mkString("/")).toList();
    }
}
