package com.alphaleak.training.lightgbm;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.microsoft.azure.synapse.ml.lightgbm.LightGBMUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExtractedNativesTest {

    @Test
    void loadedCopiesAreTheLiveMappingsInsideSynapseMlExtractionDirectories() {
        List<String> maps = List.of(
                "7f01-7f02 r-xp 00000000 fd:01 11 /tmp/mml-natives123/lib_lightgbm.so",
                "7f02-7f03 r--p 00100000 fd:01 11 /tmp/mml-natives123/lib_lightgbm.so",
                "7f03-7f04 r-xp 00000000 fd:01 12 /tmp/mml-natives456/lib_lightgbm_swig.so",
                "7f04-7f05 r-xp 00000000 fd:01 13 /tmp/mml-natives789/lib_lightgbm.so (deleted)",
                "7f05-7f06 r-xp 00000000 fd:01 14 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f06-7f07 r-xp 00000000 fd:01 15 /tmp/other/mml-natives-not-a-parent.so",
                "7f07-7f08 rw-p 00000000 00:00 0 ",
                "7ffd-7ffe rw-p 00000000 00:00 0 [stack]");
        assertEquals(List.of(Path.of("/tmp/mml-natives123/lib_lightgbm.so"), Path.of("/tmp/mml-natives456/lib_lightgbm_swig.so")),
                List.copyOf(ExtractedNatives.loadedCopies(maps)));
    }

    @Test
    void deletesTheLoadedFilesAndOnlyDirectoriesLeftEmpty(@TempDir Path tmp) throws IOException {
        Path onlyLoaded = Files.createDirectory(tmp.resolve("mml-natives1"));
        Path mixed = Files.createDirectory(tmp.resolve("mml-natives2"));
        Path a = Files.writeString(onlyLoaded.resolve("lib_a.so"), "a");
        Path b = Files.writeString(mixed.resolve("lib_b.so"), "b");
        Path notLoaded = Files.writeString(mixed.resolve("lib_c.so"), "c");

        int deleted = ExtractedNatives.delete(new LinkedHashSet<>(List.of(a, b, tmp.resolve("mml-natives3/gone.so"))));

        assertEquals(2, deleted);
        assertFalse(Files.exists(onlyLoaded), "a directory of loaded copies only is removed");
        assertFalse(Files.exists(b));
        assertTrue(Files.exists(notLoaded), "a library this process did not load is kept, and its directory");
    }

    @Test
    void afterLightGbmIsLoadedNoExtractedCopyIsLeftOnDiskAndBoostersStillTrain() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs Linux /proc");
        SplitMatrices data = SyntheticMatrices.of(3, 600, 200, 4, 0.2);
        String params = LightGbmParams.binary(1, 1, 1.0).setAll(java.util.Map.of("num_leaves", 7)).toString();
        EarlyStoppingTrainer.train(data, params, 5, 0, false);
        // What each SynapseML fit does in the JVM: extract and load one more copy, after the first.
        LightGBMUtils.initializeNativeLibrary();
        EarlyStoppingTrainer.train(data, params, 5, 0, false);

        Set<Path> live = ExtractedNatives.loadedCopies(Files.readAllLines(maps));
        assertTrue(live.isEmpty(), "still on disk: " + live);
        boolean mapped = Files.readAllLines(maps).stream().anyMatch(l -> l.contains(ExtractedNatives.DIRECTORY_PREFIX));
        assertTrue(mapped, "LightGBM is mapped from an extracted copy (now deleted)");
        assertEquals(5, EarlyStoppingTrainer.train(data, params, 5, 0, false).iterations(), "the deleted copies stay usable");
    }
}
