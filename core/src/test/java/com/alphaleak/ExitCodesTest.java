package com.alphaleak;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitCodesTest {
    @Test
    void theReadmeTableListsEveryCodeAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("### Exit codes");
        assertTrue(start >= 0, "README has no exit-code section");
        int end = readme.indexOf("\n## ", start);
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(readme.substring(start, end));
        List<Integer> documented = new ArrayList<>();
        while (row.find()) documented.add(Integer.parseInt(row.group(1)));
        assertEquals(List.copyOf(ExitCodes.MEANINGS.keySet()), documented);
    }

    @Test
    void everyMeaningFitsOneHelpLine() {
        // the footer line is "%3d  meaning"; picocli wraps beyond 80 columns
        ExitCodes.MEANINGS.values().forEach(m -> assertTrue(m.length() <= 74, m));
    }
}
