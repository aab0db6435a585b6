package com.alphaleak.features.split;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.DataContractException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Splits rows by time: the newest rows are held out, never a random sample (a random split leaks
 * future wallet behaviour and outcomes into training).
 *
 * <p>Rule, for n rows (the time column must be non-null):
 * <ul>
 *   <li>A slice of fraction f asks for {@code r = round(f * n)} rows, rounded half up on the
 *       decimal value of f (0.15 of 10 rows is 2). Fractions are of all n rows: 0.15 + 0.15 gives
 *       70/15/15.</li>
 *   <li>A slice of the newest rows that asks for r rows starts at the time b of the r-th newest
 *       row and takes every row with {@code time >= b}. Rows sharing a timestamp are never split:
 *       ties at a boundary go to the newer slice, which can therefore exceed r (never fall short).</li>
 *   <li>Without calibration: validation is the newest {@code r_v} rows, train the rest.</li>
 *   <li>With calibration: calibration is the newest {@code r_c} rows; validation is the
 *       {@code r_v} rows just before calibration (counted from the first row older than it); train
 *       the rest. So every train time is strictly before every validation time, and every
 *       validation time strictly before every calibration time.</li>
 * </ul>
 * Times are compared in microseconds (Spark's precision). The boundaries are exact; finding them
 * costs one aggregation of the rows (by distinct time, kept in memory while splitting) and a few
 * small passes over those counts; the rows themselves are never collected.
 *
 * @see SplitResult for the slice bounds
 */
public final class ChronologicalSplit {
    /** Default name of the added column, holding {@link SplitSide#label()}. */
    public static final String DEFAULT_COLUMN = "split";
    static final int DEFAULT_BUCKETS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(ChronologicalSplit.class);

    private final double validationFraction;
    private final double calibrationFraction;
    private final String timeColumn;
    private final String splitColumn;
    private final int buckets;

    /**
     * @param validationFraction  in (0, 1)
     * @param calibrationFraction in [0, 1), 0 = no calibration slice; the two together below 1
     * @param timeColumn          non-null timestamp column the rows are ordered by
     * @param splitColumn         column to add; must not exist in the data
     */
    public ChronologicalSplit(double validationFraction, double calibrationFraction, String timeColumn, String splitColumn) {
        this(validationFraction, calibrationFraction, timeColumn, splitColumn, DEFAULT_BUCKETS);
    }

    ChronologicalSplit(double validationFraction, double calibrationFraction, String timeColumn, String splitColumn, int buckets) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), found " + validationFraction);
        }
        if (!(calibrationFraction >= 0 && calibrationFraction < 1)
                || !(validationFraction + calibrationFraction < 1)) {
            throw new IllegalArgumentException("calibration fraction must be in [0, 1) and validation + calibration below 1, found "
                    + validationFraction + " + " + calibrationFraction);
        }
        this.validationFraction = validationFraction;
        this.calibrationFraction = calibrationFraction;
        this.timeColumn = Objects.requireNonNull(timeColumn, "timeColumn");
        this.splitColumn = Objects.requireNonNull(splitColumn, "splitColumn");
        this.buckets = buckets;
    }

    /** The configured split over {@code timeColumn}, adding the column {@value #DEFAULT_COLUMN}. */
    public static ChronologicalSplit of(AlphaLeakConfig.Split config, String timeColumn) {
        return new ChronologicalSplit(config.validationFraction(), config.calibrationFraction(), timeColumn, DEFAULT_COLUMN);
    }

    /**
     * @param datasetName names the data in errors and logs
     * @throws EmptySplitException   when a slice would be empty
     * @throws DataContractException when the time column has nulls
     */
    public SplitResult apply(Dataset<Row> data, String datasetName) {
        checkColumns(data, datasetName);
        Column micros = unix_micros(col(quoted(timeColumn)));
        Dataset<Row> timeCounts = data.groupBy(micros.as(NewestRowsBoundary.T))
                .agg(count(lit(1)).as(NewestRowsBoundary.C))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row stats = timeCounts.agg(
                    sum(col(NewestRowsBoundary.C)),
                    sum(when(col(NewestRowsBoundary.T).isNull(), col(NewestRowsBoundary.C))),
                    min(col(NewestRowsBoundary.T)), max(col(NewestRowsBoundary.T)),
                    count_if(col(NewestRowsBoundary.T).isNotNull())).first();
            long total = stats.isNullAt(0) ? 0 : stats.getLong(0);
            long nulls = stats.isNullAt(1) ? 0 : stats.getLong(1);
            if (nulls > 0) {
                throw new DataContractException(datasetName, List.of(nulls + " of " + total + " row(s) have a null '"
                        + timeColumn + "'; a chronological split needs every row's time"));
            }
            long n = total;
            long distinct = stats.getLong(4);
            boolean calibrated = calibrationFraction > 0;
            int slices = calibrated ? 3 : 2;
            if (n == 0) {
                throw new EmptySplitException(datasetName, "it has no rows");
            }
            if (distinct < slices) {
                throw new EmptySplitException(datasetName, slices + " slices need at least " + slices
                        + " distinct '" + timeColumn + "' values, found " + distinct + " among " + n + " row(s)");
            }
            long validationRequested = requestedRows(validationFraction, n, "validation", datasetName);
            long calibrationRequested = calibrated ? requestedRows(calibrationFraction, n, "calibration", datasetName) : 0;

            NewestRowsBoundary boundaries = new NewestRowsBoundary(
                    timeCounts.filter(col(NewestRowsBoundary.T).isNotNull()), stats.getLong(2), stats.getLong(3), distinct, buckets);
            Optional<NewestRowsBoundary.Boundary> calibration = calibrated
                    ? Optional.of(boundaries.kthNewest(calibrationRequested)) : Optional.empty();
            long heldOutBefore = calibration.map(NewestRowsBoundary.Boundary::rowsAtOrAfter).orElse(0L);
            if (heldOutBefore + validationRequested >= n) {
                throw new EmptySplitException(datasetName, "calibration takes the newest " + heldOutBefore + " of " + n
                        + " row(s) (ties at its boundary included); validation asks for " + validationRequested
                        + " more, which leaves no row for train");
            }
            NewestRowsBoundary.Boundary validation = boundaries.kthNewest(heldOutBefore + validationRequested);
            long trainRows = n - validation.rowsAtOrAfter();
            if (trainRows == 0) {
                throw new EmptySplitException(datasetName, "train would be empty: the newest " + validationRequested
                        + " validation row(s) reach back to the oldest time " + MicrosInstant.of(validation.timeMicros())
                        + ", which all " + validation.rowsAtOrAfter() + " row(s) share or follow"
                        + " (ties at a boundary go to the newer slice)");
            }
            Column side = when(micros.geq(validation.timeMicros()), SplitSide.VALIDATION.label()).otherwise(SplitSide.TRAIN.label());
            if (calibration.isPresent()) {
                side = when(micros.geq(calibration.get().timeMicros()), SplitSide.CALIBRATION.label()).otherwise(side);
            }
            SplitResult result = new SplitResult(data.withColumn(splitColumn, side),
                    MicrosInstant.of(validation.timeMicros()),
                    calibration.map(b -> MicrosInstant.of(b.timeMicros())),
                    trainRows, validation.rowsAtOrAfter() - heldOutBefore, heldOutBefore);
            LOG.info("{}: split {} rows by {}: train {}, validation {} from {} (asked {}){}", datasetName, n, timeColumn,
                    result.trainRows(), result.validationRows(), result.validationStart(), validationRequested,
                    calibration.isEmpty() ? "" : ", calibration " + result.calibrationRows() + " from "
                            + result.calibrationStart().orElseThrow() + " (asked " + calibrationRequested + ")");
            return result;
        } finally {
            timeCounts.unpersist(false);
        }
    }

    private void checkColumns(Dataset<Row> data, String datasetName) {
        List<String> columns = Arrays.asList(data.columns());
        if (!columns.contains(timeColumn)) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' has no time column '" + timeColumn + "'");
        }
        if (!data.schema().apply(timeColumn).dataType().equals(DataTypes.TimestampType)) {
            throw new IllegalArgumentException("dataset '" + datasetName + "': time column '" + timeColumn + "' has type "
                    + data.schema().apply(timeColumn).dataType().simpleString() + ", expected timestamp");
        }
        if (columns.contains(splitColumn)) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' already has a column '" + splitColumn + "'");
        }
    }

    /** {@code round(fraction * n)}, half up, on the decimal value of the fraction; at least 1 or an error. */
    static long requestedRows(double fraction, long n, String slice, String datasetName) {
        long r = new BigDecimal(Double.toString(fraction)).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (r == 0) {
            throw new EmptySplitException(datasetName, slice + " fraction " + fraction + " of " + n
                    + " row(s) rounds to 0 rows");
        }
        return r;
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Epoch microseconds to an instant. */
    static final class MicrosInstant {
        private MicrosInstant() {}

        static Instant of(long micros) {
            return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                    .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
    }
}
