package com.alphaleak.training.lightgbm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the copies of LightGBM's native libraries that SynapseML extracted for this JVM once
 * they are loaded. SynapseML's loader writes each library into a fresh {@code mml-natives*}
 * directory under {@code java.io.tmpdir} and leaves its removal to JVM exit hooks, which executors
 * never run: a cluster's worker kills them when the application ends. And it does so on every
 * load, not once per JVM. So executors left ~7 MB on their host per load (66 directories after a
 * day of tests here; one test JVM held 12 copies). On Linux a loaded library stays mapped after
 * its file is unlinked, so the files this process has mapped ({@code /proc/self/maps}) are
 * deleted, then their directories if empty.
 * Only what this process has loaded is touched: another JVM's copy, extracted but not loaded yet,
 * is left alone. Where there is no {@code /proc/self/maps} (macOS laptops) nothing is done.
 */
final class ExtractedNatives {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractedNatives.class);
    static final String DIRECTORY_PREFIX = "mml-natives";

    private ExtractedNatives() {}

    /** Deletes this process's loaded copies; never throws (a leftover is not a reason to fail a trial). */
    static void deleteLoaded() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return;
        try {
            int deleted = delete(loadedCopies(Files.readAllLines(maps)));
            if (deleted > 0) LOG.debug("deleted {} extracted LightGBM native libraries (still mapped)", deleted);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete the extracted LightGBM native libraries: {}", e.toString());
        }
    }

    /**
     * The files of {@code mapsLines} (the format of {@code /proc/self/maps}) that live directly in
     * an {@code mml-natives*} directory, each once; mappings whose file is already gone (marked
     * {@code (deleted)}) are skipped.
     */
    static Set<Path> loadedCopies(List<String> mapsLines) {
        Set<Path> out = new LinkedHashSet<>();
        for (String line : mapsLines) {
            int slash = line.indexOf('/');
            if (slash < 0 || line.endsWith(" (deleted)")) continue;
            Path file = Path.of(line.substring(slash).trim());
            Path dir = file.getParent();
            if (dir != null && dir.getFileName() != null && dir.getFileName().toString().startsWith(DIRECTORY_PREFIX)) {
                out.add(file);
            }
        }
        return out;
    }

    /** Deletes {@code files}, then each of their directories that is left empty; returns the files deleted. */
    static int delete(Set<Path> files) throws IOException {
        int deleted = 0;
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) {
            if (Files.deleteIfExists(f)) deleted++;
            dirs.add(f.getParent());
        }
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                // holds a library this process has not loaded: not ours to remove
            }
        }
        return deleted;
    }
}
