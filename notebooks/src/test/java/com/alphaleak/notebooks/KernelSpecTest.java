package com.alphaleak.notebooks;

import com.alphaleak.spark.JvmOpens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecTest {
    @Test
    void theKernelJvmGetsTheJvmOpensSparkNeedsBeforeItsClasspath() {
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) KernelSpec.forClasspath(List.of("/a.jar", "/b.jar")).toJson().get("argv");
        int cp = argv.indexOf("-cp");
        assertTrue(cp > 0, argv.toString());
        assertTrue(argv.subList(0, cp).containsAll(JvmOpens.flags()), argv.toString());
        assertEquals(KernelMain.class.getName(), argv.get(cp + 2));
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
    }
}
