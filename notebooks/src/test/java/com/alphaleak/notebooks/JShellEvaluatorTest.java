package com.alphaleak.notebooks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JShellEvaluatorTest {
    private static JShellEvaluator shell;

    @BeforeAll
    static void start() {
        shell = new JShellEvaluator();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void aCellOfSeveralStatementsReturnsItsTrailingExpression() {
        assertEquals(Optional.of("42"), shell.eval("int half = 21;\nint twice(int x) { return 2 * x; }\ntwice(half)").value());
    }

    @Test
    void declarationsPersistAcrossCells() {
        shell.eval("var greeting = \"pump\" + \".fun\";");
        assertEquals(Optional.of("8"), shell.eval("greeting.length()").value());
    }

    @Test
    void statementsAndVoidCallsHaveNoValue() {
        assertEquals(Optional.empty(), shell.eval("int unused = 1;").value());
        assertEquals(Optional.empty(), shell.eval("System.out.print(\"\")").value());
    }

    @Test
    void cellsSeeTheProjectClasspathAndRunInThisJvm() {
        // local execution: the snippet's Notebook class is the kernel's own (same loader, same statics)
        assertEquals(Optional.of("true"),
                shell.eval("com.alphaleak.notebooks.Notebook.class == Class.forName(\"com.alphaleak.notebooks.Notebook\")").value());
        assertEquals(Optional.of("\"OnnxTreeEnsembleWriter\""),
                shell.eval("com.alphaleak.export.onnx.OnnxTreeEnsembleWriter.class.getSimpleName()").value());
    }

    @Test
    void aCompileErrorNamesTheLineAndJavacsMessageAndStopsTheCell() {
        JShellEvaluator.CompileError e = assertThrows(JShellEvaluator.CompileError.class,
                () -> shell.eval("int ranBefore = 7;\nString s = 12;\nint neverRuns = 1;"));
        assertTrue(e.getMessage().startsWith("line 2: incompatible types"), e.getMessage());
        assertTrue(e.getMessage().contains("String s = 12;"), e.getMessage());
        assertEquals(Optional.of("7"), shell.eval("ranBefore").value(), "snippets before the error ran");
        assertThrows(JShellEvaluator.CompileError.class, () -> shell.eval("neverRuns"), "snippets after it did not");
    }

    @Test
    void aThrowingSnippetSurfacesTheUsersExceptionClassAndMessage() {
        JShellEvaluator.CellException e = assertThrows(JShellEvaluator.CellException.class,
                () -> shell.eval("if (true) throw new IllegalStateException(\"no positives in validation\");"));
        assertEquals("java.lang.IllegalStateException", e.exceptionClass());
        assertEquals("java.lang.IllegalStateException: no positives in validation", e.getMessage());
    }

    @Test
    void incompleteCodeIsReportedIncompleteAndCompleteCodeComplete() {
        assertFalse(shell.isComplete("for (int i = 0; i < 3; i++) {"));
        assertFalse(shell.isComplete("Math.max(1,"));
        assertTrue(shell.isComplete("int a = 1;\nint b = a + 1;"));
        assertThrows(JShellEvaluator.CompileError.class, () -> shell.eval("if (true) {"));
    }

    @Test
    void completionOffersMembersAtTheCursor() {
        String code = "\"alpha\".toUpp";
        JShellEvaluator.Completions c = shell.complete(code, code.length());
        assertTrue(c.options().contains("toUpperCase("), c.options().toString());
        assertEquals(code.indexOf("toUpp"), c.start());
    }
}
