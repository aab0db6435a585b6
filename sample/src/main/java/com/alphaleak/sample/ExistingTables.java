package com.alphaleak.sample;

import com.alphaleak.config.AlphaLeakConfig;
import com.alphaleak.config.TableLocation;
import com.alphaleak.contracts.DataContractException;
import com.alphaleak.contracts.TargetSpec;
import com.alphaleak.io.TableIO;
import com.alphaleak.model.ArtifactFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, before the generator writes anything, which of its output tables may be written: the
 * sample world is never written over a table it did not write itself with the same settings.
 * Every table the generator writes carries its fingerprint (settings, seed, oracle targets) in the
 * Delta commit's {@code userMetadata}. A table that exists with that fingerprint is already done
 * (the generator is deterministic), so a generation interrupted half-way resumes; a table that
 * exists without it (real input data, an older or differently sized sample, anything appended
 * since) makes the whole generation refuse before the first write.
 */
final class ExistingTables {
    static final String MARKER_PREFIX = "alphaleak-sample-world:";

    private ExistingTables() {}

    /** The marker the generator's commits carry for these settings. */
    static String marker(AlphaLeakConfig.Sample sample, long seed, List<TargetSpec> oracleTargets) {
        String settings = sample + "|seed=" + seed + "|oracle=" + oracleTargets.stream().map(TargetSpec::name).toList()
                + "|generator=" + SampleWorldGenerator.GENERATOR_VERSION;
        return MARKER_PREFIX + ArtifactFile.sha256(settings.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * The names of the tables already generated with this marker (to be skipped).
     *
     * @throws DataContractException naming every table that exists but was not generated with
     *                               these settings; nothing has been written
     */
    static Set<String> alreadyGenerated(TableIO io, List<TableLocation> tables, String marker) {
        Set<String> done = new LinkedHashSet<>();
        List<String> foreign = new ArrayList<>();
        for (TableLocation t : tables) {
            if (!io.exists(t)) continue;
            String found = io.lastCommitMetadata(t).orElse(null);
            if (marker.equals(found)) {
                done.add(t.name());
            } else {
                foreign.add(t.describe() + " already exists and "
                        + (found != null && found.startsWith(MARKER_PREFIX)
                        ? "holds a sample world generated with other settings (sample.*, run.seed)"
                        : "was not written by generate-sample (real input data?)"));
            }
        }
        if (!foreign.isEmpty()) {
            foreign.add("the sample world is never written over existing tables: point tables.* (or tables.root) at an "
                    + "empty location, or remove these tables yourself if they really are disposable");
            throw new DataContractException("sample world", foreign);
        }
        return done;
    }
}
