package com.alphaleak.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContractDocsTest {
    private static final Path DOC = Path.of("../docs/data-contracts.md");

    @Test
    void documentMatchesTheContractsInCode() throws Exception {
        String doc = Files.readString(DOC);
        String fresh = ContractDocs.splice(doc);
        if (Boolean.getBoolean("alphaleak.update-docs")) {
            Files.writeString(DOC, fresh);
            doc = fresh;
        }
        assertEquals(fresh, doc, "docs/data-contracts.md is stale: rerun this test with -Dalphaleak.update-docs=true");
    }
}
