package com.alphaleak.ingest.live;

import com.alphaleak.contracts.ColumnSpec;
import com.alphaleak.contracts.Contracts;
import com.alphaleak.contracts.TableContract;
import com.alphaleak.ingest.PostgresTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live-style PostgreSQL schema the sample world is written into, modelled on the live system
 * (its real table and column names are not known): insert-only history tables, outcome rows
 * updated in place as horizons mature, and feature tables holding only each key's latest state,
 * recomputed in place. The default {@code alphaleak.ingest.sources} map exactly this schema.
 */
public final class LiveSchema {
    /** How a live table changes over time. */
    public enum Kind { INSERT_ONLY, UPDATED_UNTIL_FINAL, RECOMPUTED }

    /**
     * One live table.
     *
     * @param name     live table name
     * @param contract the input table it feeds
     * @param kind     how it changes
     * @param renames  contract column -> live column, where they differ
     * @param key      primary key (live names)
     * @param time     contract column that orders the rows in simulated time (insert-only tables)
     */
    public record Table(String name, TableContract contract, Kind kind, Map<String, String> renames, List<String> key,
                        String time) {
        /** Live column name of a contract column. */
        public String live(String contractColumn) {
            return renames.getOrDefault(contractColumn, contractColumn);
        }

        /** Contract columns stored in the live table (recomputed tables keep no history columns). */
        public List<ColumnSpec> storedColumns() {
            if (kind != Kind.RECOMPUTED) return contract.columns();
            return contract.columns().stream().filter(c -> !c.name().equals(contract.knownAtColumn().orElse(""))
                    && !c.name().equals(contract.tieBreakColumn().orElse(""))).toList();
        }

        /** Live columns in order, with their PostgreSQL types. */
        public Map<String, String> ddlColumns() {
            Map<String, String> out = new LinkedHashMap<>();
            for (ColumnSpec c : storedColumns()) {
                out.put(live(c.name()), PostgresTypes.of(c.type()) + (c.nullable() ? "" : " NOT NULL"));
            }
            if (kind != Kind.INSERT_ONLY) out.put("updated_at", "timestamptz NOT NULL");
            return out;
        }

        public String createSql(String tableName) {
            List<String> cols = new ArrayList<>();
            ddlColumns().forEach((c, t) -> cols.add(c + " " + t));
            return "CREATE TABLE IF NOT EXISTS " + tableName + " (" + String.join(", ", cols) + ", PRIMARY KEY ("
                    + String.join(", ", key) + "))";
        }
    }

    public static final Table SIGNALS = new Table("signals", Contracts.SIGNALS, Kind.INSERT_ONLY,
            Map.of("signal_id", "id", "signal_time", "fired_at"), List.of("id"), "signal_time");
    public static final Table OUTCOMES = new Table("signal_outcomes", Contracts.OUTCOMES, Kind.UPDATED_UNTIL_FINAL,
            Map.of(), List.of("signal_id"), null);
    public static final Table WALLET_SCORES = new Table("wallet_scores", Contracts.WALLET_SNAPSHOTS, Kind.INSERT_ONLY,
            Map.of(), List.of("snapshot_id"), "known_at");
    public static final Table WALLET_FEATURES = new Table("wallet_features", Contracts.WALLET_FEATURES, Kind.RECOMPUTED,
            Map.of(), List.of("wallet"), null);
    public static final Table CREATOR_STATS = new Table("creator_stats", Contracts.CREATOR_STATS, Kind.RECOMPUTED,
            Map.of(), List.of("creator"), null);
    public static final Table TOKEN_STATE = new Table("token_state", Contracts.TOKEN_STATE, Kind.RECOMPUTED,
            Map.of(), List.of("token"), null);
    public static final Table GRAPH_SCORES = new Table("graph_scores", Contracts.GRAPH_SCORES, Kind.RECOMPUTED,
            Map.of(), List.of("wallet"), null);
    public static final Table REGIME = new Table("regime_snapshots", Contracts.MARKET_REGIME, Kind.INSERT_ONLY,
            Map.of(), List.of("snapshot_id"), "known_at");
    public static final Table GENESIS_WINDOWS = new Table("genesis_windows", Contracts.GENESIS_WINDOWS, Kind.INSERT_ONLY,
            Map.of(), List.of("token"), "known_at");
    public static final Table GENESIS_OUTCOMES = new Table("genesis_outcomes", Contracts.GENESIS_OUTCOMES, Kind.UPDATED_UNTIL_FINAL,
            Map.of(), List.of("token"), null);

    public static final List<Table> ALL = List.of(SIGNALS, OUTCOMES, WALLET_SCORES, WALLET_FEATURES, CREATOR_STATS,
            TOKEN_STATE, GRAPH_SCORES, REGIME, GENESIS_WINDOWS, GENESIS_OUTCOMES);

    private LiveSchema() {}

}
