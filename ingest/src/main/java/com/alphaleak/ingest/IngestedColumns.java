package com.alphaleak.ingest;

import com.alphaleak.config.IngestMode;
import com.alphaleak.contracts.TableContract;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Columns ingest sets itself rather than reading them: in snapshot mode the capture time and its sequence. */
final class IngestedColumns {
    private IngestedColumns() {}

    static List<String> owned(IngestMode mode, TableContract contract) {
        if (mode != IngestMode.SNAPSHOT) return List.of();
        return Stream.of(contract.knownAtColumn(), contract.tieBreakColumn()).flatMap(Optional::stream).toList();
    }

    /**
     * The columns that identify a row of a batch: the id where the table has one; in snapshot mode
     * the entity key (one current row per key); otherwise (a history of a keyed or keyless table)
     * the key with its known time and write sequence.
     */
    static List<String> identity(IngestMode mode, TableContract contract) {
        if (contract.idColumn().isPresent()) return List.of(contract.idColumn().get());
        if (mode == IngestMode.SNAPSHOT) return contract.keyColumns();
        return Stream.concat(contract.keyColumns().stream(),
                Stream.of(contract.knownAtColumn(), contract.tieBreakColumn()).flatMap(Optional::stream)).toList();
    }
}
