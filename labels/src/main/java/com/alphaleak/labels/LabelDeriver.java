package com.alphaleak.labels;

import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TargetSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Turns PeakTracker outcomes into binary {@code reach_<M>x_<H>} labels as of a cut-off instant.
 *
 * <p>For an event at time t, target (M, H) and cut-off {@code asOf}, in this order:
 * <ol>
 *   <li>{@code t + H > asOf}: excluded, unmatured (the horizon had not elapsed);</li>
 *   <li>no outcome row, or {@code peak_multiple_<H>} or {@code observed_at_<H>} null: excluded,
 *       missing (the horizon elapsed but nothing was observed);</li>
 *   <li>{@code observed_at_<H> > asOf}: excluded, unmatured (finalised after the cut-off, so
 *       unknown at it; only happens with an explicit cut-off earlier than the data);</li>
 *   <li>otherwise 1 when {@code peak_multiple_<H> >= M} (inclusive, exact double comparison),
 *       else 0.</li>
 * </ol>
 * Excluded rows get a null label, never 0: an unfinished or untracked outcome is not a negative.
 * Next to the labels, each horizon of the targets gets its peak multiple as a column of the
 * outcome's name ({@code peak_multiple_<H>}), null exactly where that horizon's labels are: what a
 * model may learn from instead of the 0/1 label, never a peak that was unknown at the cut-off.
 * Both comparisons with {@code asOf} are inclusive ({@code t + H == asOf} is mature). Instants are
 * compared in microseconds, Spark's timestamp precision.
 *
 * <p>Inputs are validated with {@link OutcomeValidator} first; bad input fails the derivation.
 */
public final class LabelDeriver {
    private static final Logger LOG = LoggerFactory.getLogger(LabelDeriver.class);
    private static final String PREFIX = "__label_";
    private static final String O_ID = PREFIX + "outcome_id";

    /** Why a row has or lacks a label; internal codes of the reason column. */
    private static final int LABELLED = 0;
    private static final int UNMATURED = 1;
    private static final int MISSING = 2;

    private final LabelSource source;
    private final List<TargetSpec> targets;
    private final OutcomeValidator validator;

    /**
     * @param targets at least one; names must be distinct (they become column names)
     */
    public LabelDeriver(LabelSource source, List<TargetSpec> targets) {
        this.source = Objects.requireNonNull(source, "source");
        this.targets = List.copyOf(targets);
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("no targets to label");
        }
        Set<String> names = new HashSet<>();
        for (TargetSpec t : this.targets) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("target '" + t.name() + "' given twice");
            }
        }
        this.validator = new OutcomeValidator(source);
    }

    /**
     * Labels as of the latest observation in the outcome table: the instant up to which PeakTracker
     * is known to have written. Conservative: a horizon that ended after it counts as unmatured.
     *
     * @throws IllegalArgumentException when no outcome row has an observation time (pass a cut-off)
     */
    public LabelResult derive(Dataset<Row> events, Dataset<Row> outcomes) {
        SchemaValidator.validate(outcomes, source.outcomes());
        Instant asOf = latestObservation(outcomes).orElseThrow(() -> new IllegalArgumentException(
                source.outcomeTable() + " has no observed_at value to take the cut-off from; pass asOf explicitly"));
        return derive(events, outcomes, asOf);
    }

    /** Labels as of {@code asOf} (truncated to the microsecond). */
    public LabelResult derive(Dataset<Row> events, Dataset<Row> outcomes, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Set<Horizon> horizons = EnumSet.noneOf(Horizon.class);
        targets.forEach(t -> horizons.add(t.horizon()));
        List<String> added = new ArrayList<>();
        targets.forEach(t -> added.add(t.name()));
        horizons.forEach(h -> added.add(h.peakColumn()));
        for (String c : added) {
            if (Arrays.asList(events.columns()).contains(c)) {
                throw new IllegalArgumentException(source.eventTable() + " already has a column '" + c
                        + "'; labels would overwrite it");
            }
        }
        OutcomeCheck check = validator.validate(events, outcomes);
        long asOfMicros = Micros.of(asOf);

        List<Column> outcomeColumns = new ArrayList<>();
        outcomeColumns.add(Columns.named(source.outcomeIdColumn()).as(O_ID));
        for (Horizon h : horizons) {
            outcomeColumns.add(Columns.named(h.peakColumn()).as(peak(h)));
            outcomeColumns.add(Columns.named(h.observedAtColumn()).as(observed(h)));
        }
        Dataset<Row> joined = events.join(outcomes.select(outcomeColumns.toArray(Column[]::new)),
                Columns.named(source.idColumn()).equalTo(col(O_ID)), "left");

        List<Column> output = new ArrayList<>();
        for (String c : events.columns()) {
            output.add(Columns.named(c));
        }
        List<Column> aggregates = new ArrayList<>();
        Column eventMicros = unix_micros(Columns.named(source.timeColumn()));
        for (TargetSpec t : targets) {
            Column reason = reason(t.horizon(), eventMicros, asOfMicros);
            Column label = when(reason.equalTo(LABELLED), when(col(peak(t.horizon())).geq(t.multiple()), 1).otherwise(0))
                    .cast(DataTypes.IntegerType);
            output.add(label.as(t.name()));
            aggregates.add(count_if(reason.equalTo(LABELLED)));
            aggregates.add(count_if(label.equalTo(1)));
            aggregates.add(count_if(reason.equalTo(UNMATURED)));
            aggregates.add(count_if(reason.equalTo(MISSING)));
        }
        for (Horizon h : horizons) {
            // Masked as the labels of this horizon are: the reason depends on the horizon only.
            output.add(when(reason(h, eventMicros, asOfMicros).equalTo(LABELLED), col(peak(h))).cast(DataTypes.DoubleType)
                    .as(h.peakColumn()));
        }
        Row r = joined.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        Map<String, TargetCounts> counts = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetCounts c = new TargetCounts(r.getLong(4 * i), r.getLong(4 * i + 1), r.getLong(4 * i + 2), r.getLong(4 * i + 3));
            counts.put(targets.get(i).name(), c);
            LOG.info("{} as of {}: {} labelled ({} positive), {} unmatured, {} missing", targets.get(i).name(),
                    Micros.toInstant(asOfMicros), c.labelled(), c.positives(), c.excludedUnmatured(), c.excludedMissing());
        }
        return new LabelResult(joined.select(output.toArray(Column[]::new)), Micros.toInstant(asOfMicros), counts, check);
    }

    /** The rows usable for {@code target}: those with a non-null label column. */
    public static Dataset<Row> usableFor(Dataset<Row> labelled, TargetSpec target) {
        if (!Arrays.asList(labelled.columns()).contains(target.name())) {
            throw new IllegalArgumentException("no label column '" + target.name() + "' in " + Arrays.toString(labelled.columns()));
        }
        return labelled.filter(Columns.named(target.name()).isNotNull());
    }

    /** Latest {@code observed_at_<H>} over all horizons and rows, if any. */
    public static Optional<Instant> latestObservation(Dataset<Row> outcomes) {
        Column[] observed = Arrays.stream(Horizon.values()).map(h -> unix_micros(Columns.named(h.observedAtColumn())))
                .toArray(Column[]::new);
        Row r = outcomes.agg(max(greatest(observed))).first();
        return r.isNullAt(0) ? Optional.empty() : Optional.of(Micros.toInstant(r.getLong(0)));
    }

    private static Column reason(Horizon h, Column eventMicros, long asOfMicros) {
        Column peak = col(peak(h));
        Column observed = col(observed(h));
        return when(eventMicros.plus(Micros.of(h.duration())).gt(asOfMicros), lit(UNMATURED))
                .when(peak.isNull().or(observed.isNull()), lit(MISSING))
                .when(unix_micros(observed).gt(asOfMicros), lit(UNMATURED))
                .otherwise(lit(LABELLED));
    }

    private static String peak(Horizon h) {
        return PREFIX + h.peakColumn();
    }

    private static String observed(Horizon h) {
        return PREFIX + h.observedAtColumn();
    }
}
