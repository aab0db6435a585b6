package com.alphaleak.features.dataset;

import com.alphaleak.contracts.TableContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.Optional;

/**
 * A context table handed to the training-set builder.
 *
 * @param maxAge a matched row older than this at the event time counts as missing (inclusive
 *               bound); empty = unbounded
 */
public record ContextTable(TableContract contract, Dataset<Row> rows, Optional<Duration> maxAge) {}
