package com.alphaleak.labels;

import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.Horizon;
import com.alphaleak.contracts.SchemaValidator;
import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

/**
 * Checks an outcome table against its events before labels are derived from it. Rejected (a
 * {@link DataContractException} naming the table, the column, the number of rows and up to
 * {@value #EXAMPLES} example ids; all problems of a table at once):
 * <ul>
 *   <li>event table: null ids, null event times;</li>
 *   <li>outcome table: null ids; more than one row for an id; a peak multiple that is negative,
 *       NaN or infinite (zero is allowed); a peak multiple below the peak of a shorter horizon of
 *       the same row (peaks are maxima over nested windows, so they never decrease as the horizon
 *       grows; nulls and rejected values are skipped in this comparison); an
 *       {@code observed_at_<H>} earlier than event time + H (the value was finalised before its
 *       window closed, which includes values dated before the event itself).</li>
 * </ul>
 * Outcome rows whose id has no event are not an error: events are routinely a subset (a date
 * range, a sample) while outcomes are not. They are counted, logged and ignored.
 *
 * <p>Repeated event ids are left to the event table's own checks: each event row is labelled on
 * its own, and an outcome must not be dated before any event row of its id.
 */
public final class OutcomeValidator {
    /** Example ids per problem in messages. */
    public static final int EXAMPLES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeValidator.class);
    private static final String O_ID = "__outcome_id";
    private static final String EV_ID = "__event_id";
    private static final String EV_TIME = "__event_time";

    private final LabelSource source;

    public OutcomeValidator(LabelSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** What a scan of the outcome table found: rule violations, and the check of a valid table. */
    public record OutcomeScan(List<RowViolation> violations, OutcomeCheck check) {
        public OutcomeScan {
            violations = List.copyOf(violations);
        }
    }

    /**
     * Validates schemas and rows of both tables.
     *
     * @throws DataContractException for the event table first (outcome checks need valid event
     *                               times), then for the outcome table
     */
    public OutcomeCheck validate(Dataset<Row> events, Dataset<Row> outcomes) {
        SchemaValidator.validate(events, eventContract());
        SchemaValidator.validate(outcomes, source.outcomes());
        List<RowViolation> eventProblems = eventViolations(events);
        if (!eventProblems.isEmpty()) {
            throw new DataContractException(source.eventTable(), describe(eventProblems, source.idColumn()));
        }
        OutcomeScan scan = scanOutcomes(events, outcomes);
        if (!scan.violations().isEmpty()) {
            throw new DataContractException(source.outcomeTable(), describe(scan.violations(), source.outcomeIdColumn()));
        }
        OutcomeCheck check = scan.check();
        if (check.orphanRows() > 0) {
            LOG.warn("{}: {} of {} row(s) have no row in {} and are ignored, e.g. {} in {}", source.outcomeTable(),
                    check.orphanRows(), check.outcomeRows(), source.eventTable(), source.outcomeIdColumn(),
                    check.orphanExamples());
        }
        return check;
    }

    /** The columns labelling needs from the event table: its id and its time. */
    public TableContract eventContract() {
        return TableContract.builder(source.eventTable())
                .id(source.idColumn(), "event id")
                .required(source.timeColumn(), DataTypes.TimestampType, "instant outcomes are measured from")
                .build();
    }

    /** Null ids and null times of the event table (one pass; one more per problem found). */
    public List<RowViolation> eventViolations(Dataset<Row> events) {
        Column id = Columns.named(source.idColumn());
        Column time = Columns.named(source.timeColumn());
        Row counts = events.agg(count_if(id.isNull()), count_if(time.isNull())).first();
        List<RowViolation> out = new ArrayList<>();
        if (counts.getLong(0) > 0) {
            out.add(new RowViolation(source.idColumn(), "have a null id", counts.getLong(0), List.of()));
        }
        if (counts.getLong(1) > 0) {
            out.add(new RowViolation(source.timeColumn(), "have a null event time", counts.getLong(1),
                    Columns.smallestIds(events.filter(time.isNull()), id, EXAMPLES)));
        }
        return out;
    }

    /**
     * Row rules of the outcome table (two passes; one more per problem found). Assumes the event
     * table passed {@link #eventViolations}. Violations come in this order: null ids, repeated ids,
     * then for each horizon in order invalid peaks, decreasing peaks, early observations.
     */
    public OutcomeScan scanOutcomes(Dataset<Row> events, Dataset<Row> outcomes) {
        String idName = source.outcomeIdColumn();
        Dataset<Row> eventTimes = events.groupBy(Columns.named(source.idColumn()).as(EV_ID))
                .agg(max(Columns.named(source.timeColumn())).as(EV_TIME));
        List<Column> projection = new ArrayList<>();
        projection.add(Columns.named(idName).as(O_ID));
        for (Horizon h : Horizon.values()) {
            projection.add(Columns.named(h.peakColumn()));
            projection.add(Columns.named(h.observedAtColumn()));
        }
        Dataset<Row> joined = outcomes.select(projection.toArray(Column[]::new))
                .join(eventTimes, col(O_ID).equalTo(col(EV_ID)), "left");

        List<Rule> rules = rowRules();
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count_if(col(O_ID).isNotNull().and(col(EV_ID).isNull())));
        for (Rule r : rules) {
            aggregates.add(count_if(r.offending()));
        }
        Row counts = joined.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
        long outcomeRows = counts.getLong(0);
        long orphans = counts.getLong(1);

        List<RowViolation> violations = new ArrayList<>();
        long nullIds = counts.getLong(2);
        if (nullIds > 0) {
            violations.add(new RowViolation(idName, rules.get(0).problem(), nullIds, List.of()));
        }
        violations.addAll(repeatedIds(outcomes));
        for (int i = 1; i < rules.size(); i++) {
            long n = counts.getLong(i + 2);
            if (n > 0) {
                Rule r = rules.get(i);
                violations.add(new RowViolation(r.column(), r.problem(), n,
                        Columns.smallestIds(joined.filter(r.offending()), col(O_ID), EXAMPLES)));
            }
        }
        List<String> orphanExamples = orphans == 0 ? List.of()
                : Columns.smallestIds(joined.filter(col(EV_ID).isNull()), col(O_ID), EXAMPLES);
        return new OutcomeScan(violations, new OutcomeCheck(outcomeRows, orphans, orphanExamples));
    }

    private record Rule(String column, String problem, Column offending) {}

    /** Rules over one row of the outcome table joined to its event time; the first is the null-id rule. */
    private List<Rule> rowRules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(source.outcomeIdColumn(), "have a null id", col(O_ID).isNull()));
        Horizon[] horizons = Horizon.values();
        for (int j = 0; j < horizons.length; j++) {
            Horizon h = horizons[j];
            Column peak = col(h.peakColumn());
            rules.add(new Rule(h.peakColumn(), "have a negative, NaN or infinite peak multiple",
                    peak.isNotNull().and(validPeak(peak).unary_$bang())));
            if (j > 0) {
                Column shorterMax = shorterHorizonsMax(horizons, j);
                rules.add(new Rule(h.peakColumn(), "have a peak multiple below the peak of a shorter horizon"
                        + " (peaks never decrease as the horizon grows)",
                        validPeak(peak).and(shorterMax.gt(peak))));
            }
            Column observed = col(h.observedAtColumn());
            rules.add(new Rule(h.observedAtColumn(), "were observed before their horizon ended ("
                    + h.observedAtColumn() + " < " + source.timeColumn() + " + " + h.label()
                    + "; includes outcomes dated before the event itself)",
                    observed.isNotNull().and(col(EV_TIME).isNotNull())
                            .and(unix_micros(observed).lt(unix_micros(col(EV_TIME)).plus(Micros.of(h.duration()))))));
        }
        return rules;
    }

    /** Largest valid peak of the horizons before {@code j}; null when none is valid. */
    private static Column shorterHorizonsMax(Horizon[] horizons, int j) {
        Column[] shorter = new Column[j];
        for (int i = 0; i < j; i++) {
            Column p = col(horizons[i].peakColumn());
            shorter[i] = when(validPeak(p), p);
        }
        // greatest() needs two arguments and skips nulls
        return j == 1 ? shorter[0] : greatest(shorter);
    }

    /** Non-null, finite and non-negative. Spark orders NaN above every number, so it is excluded explicitly. */
    static Column validPeak(Column peak) {
        return peak.isNotNull().and(isnan(peak).unary_$bang()).and(peak.geq(0.0))
                .and(peak.lt(Double.POSITIVE_INFINITY));
    }

    private List<RowViolation> repeatedIds(Dataset<Row> outcomes) {
        Dataset<Row> repeated = outcomes.groupBy(Columns.named(source.outcomeIdColumn()).as(O_ID))
                .agg(count(lit(1)).as("n"))
                .filter(col(O_ID).isNotNull().and(col("n").gt(1)));
        Row r = repeated.agg(count(lit(1)), sum(col("n"))).first();
        long ids = r.getLong(0);
        if (ids == 0) {
            return List.of();
        }
        return List.of(new RowViolation(source.outcomeIdColumn(),
                "share their id with another outcome row (" + ids + " id(s) with more than one row)", r.getLong(1),
                Columns.smallestIds(repeated, col(O_ID), EXAMPLES)));
    }

    static List<String> describe(List<RowViolation> violations, String idColumn) {
        return violations.stream().map(v -> v.describe(idColumn)).toList();
    }
}
