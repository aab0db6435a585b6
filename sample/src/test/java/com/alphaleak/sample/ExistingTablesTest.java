package com.alphaleak.sample;

import com.alphaleak.config.TableFormat;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.io.TableIO;
import com.alphaleak.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's guard: real input tables are never overwritten; its own tables with the same settings are kept. */
class ExistingTablesTest extends SharedSpark {
    @TempDir
    Path dir;

    private TableLocation at(String name) {
        return TableLocation.ofPath(name, dir.resolve(name).toString(), TableFormat.DELTA);
    }

    @Test
    void aTableTheGeneratorDidNotWriteMakesTheWholeGenerationRefuseNamingIt() {
        TableIO io = new TableIO(spark());
        io.overwrite(spark().range(3).toDF("signal_id"), at("outcomes"));
        io.overwrite(spark().range(2).toDF("x"), at("signals"), "alphaleak-sample-world:0123456789abcdef");
        DataContractException e = assertThrows(DataContractException.class,
                () -> ExistingTables.alreadyGenerated(io, List.of(at("signals"), at("outcomes"), at("oracle")), "alphaleak-sample-world:ffff"));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains(dir.resolve("signals").toString()) && e.problems().get(0).contains("other settings"),
                e.getMessage());
        assertTrue(e.problems().get(1).contains(dir.resolve("outcomes").toString())
                && e.problems().get(1).contains("not written by generate-sample"), e.getMessage());
        assertEquals(3L, io.readRaw(at("outcomes")).count(), "untouched");
    }

    @Test
    void tablesWrittenWithTheSameFingerprintAreDoneAndMissingOnesAreToBeWritten() {
        TableIO io = new TableIO(spark());
        String marker = ExistingTables.marker(new com.alphaleak.config.AlphaLeakConfig.Sample(100, 2,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), 0.5, 0.02, 50, 20), 42, List.of());
        io.overwrite(spark().range(2).toDF("x"), at("signals"), marker);
        assertEquals(Set.of("signals"), ExistingTables.alreadyGenerated(io, List.of(at("signals"), at("outcomes")), marker));
        assertTrue(marker.startsWith(ExistingTables.MARKER_PREFIX));
    }
}
