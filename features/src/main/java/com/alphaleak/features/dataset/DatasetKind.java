package com.alphaleak.features.dataset;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.labels.LabelSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two kinds of training set. Each fixes its event table (one row per training example), the
 * instant context is looked up at, and which event column keys each context table.
 */
public enum DatasetKind {
    /** One row per buy signal; context as of {@code signal_time}. */
    SIGNAL("signal", Contracts.SIGNALS, LabelSource.SIGNALS, List.of("wallet", "token", "creator"),
            Map.of(Contracts.WALLET_SNAPSHOTS.name(), "wallet",
                    Contracts.WALLET_FEATURES.name(), "wallet",
                    Contracts.GRAPH_SCORES.name(), "wallet",
                    Contracts.CREATOR_STATS.name(), "creator",
                    Contracts.TOKEN_STATE.name(), "token")),
    /** One row per token's genesis window; context as of {@code window_end}. */
    GENESIS("genesis", Contracts.GENESIS_WINDOWS, LabelSource.GENESIS, List.of("creator", "created_at", "aborted"),
            Map.of(Contracts.CREATOR_STATS.name(), "creator"));

    private final String datasetName;
    private final TableContract events;
    private final LabelSource labels;
    private final List<String> carriedColumns;
    private final Map<String, String> eventKeys;

    DatasetKind(String datasetName, TableContract events, LabelSource labels, List<String> carriedColumns,
                Map<String, String> eventKeys) {
        this.datasetName = datasetName;
        this.events = events;
        this.labels = labels;
        this.carriedColumns = carriedColumns;
        this.eventKeys = eventKeys;
    }

    /** Directory name of the output table under {@code alphaleak.datasets.output}, and the name of its section. */
    public String datasetName() {
        return datasetName;
    }

    /** This dataset's section of the configuration ({@code alphaleak.datasets.<name>}). */
    public AlphaLeakConfig.DatasetSettings settings(AlphaLeakConfig.Datasets datasets) {
        return datasets.named(datasetName);
    }

    public TableContract events() {
        return events;
    }

    public LabelSource labels() {
        return labels;
    }

    public String idColumn() {
        return labels.idColumn();
    }

    /** The as-of instant of every context lookup and the start of every target horizon. */
    public String timeColumn() {
        return labels.timeColumn();
    }

    /** Event columns kept in the output for analysis (never model inputs). */
    public List<String> carriedColumns() {
        return carriedColumns;
    }

    /** The event columns that key context tables, each once. */
    public List<String> eventKeyColumns() {
        return eventKeys.values().stream().distinct().sorted().toList();
    }

    /**
     * The event column a keyed context table is looked up by; empty when the kind has none for
     * it (keyless tables such as the market regime; a keyed one is then refused by the join).
     */
    public Optional<String> eventKeyFor(TableContract context) {
        return Optional.ofNullable(eventKeys.get(context.name()));
    }
}
