package com.alphaleak.notebooks;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates notebook cells as Java with JShell, in this JVM ("local" execution), so a cell sees
 * the classpath the kernel was started with (Spark, Delta, every Alpha Leak module) and shares
 * static state with the kernel (which is how {@link Notebook#show} reaches the notebook).
 *
 * <p>A cell may hold any number of statements, declarations and expressions; they run in order
 * and the cell stops at the first that fails to compile or throws. Declarations persist across
 * cells. The value of a trailing expression is the cell's result.
 */
public final class JShellEvaluator implements AutoCloseable {

    /** A cell that does not compile: message names the snippet's line in the cell and javac's diagnostic. */
    public static final class CompileError extends RuntimeException {
        CompileError(String message) {
            super(message);
        }
    }

    /** A snippet that threw: message carries the user's exception class and message, stack is the snippet's. */
    public static final class CellException extends RuntimeException {
        private final String exceptionClass;

        CellException(String exceptionClass, String message, StackTraceElement[] stack, Throwable cause) {
            super(exceptionClass + (message == null ? "" : ": " + message), cause);
            this.exceptionClass = exceptionClass;
            setStackTrace(stack);
        }

        public String exceptionClass() {
            return exceptionClass;
        }
    }

    /** The textual form of a cell's trailing expression, empty for statements and void calls. */
    public record Result(Optional<String> value) {}

    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    /** A shell whose compiler sees {@code classpath} (the JVM's own by default); the runtime loads through the JVM's loader. */
    public JShellEvaluator(List<String> classpath) {
        this.shell = JShell.builder().executionEngine("local").build();
        this.analysis = shell.sourceCodeAnalysis();
        for (String entry : classpath) {
            if (!entry.isBlank()) shell.addToClasspath(entry);
        }
    }

    public JShellEvaluator() {
        this(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
    }

    /**
     * Runs every snippet of {@code cell} in order.
     *
     * @throws CompileError  at the first snippet javac rejects (earlier snippets have run)
     * @throws CellException at the first snippet that throws
     */
    public Result eval(String cell) {
        String remaining = cell;
        Optional<String> value = Optional.empty();
        int consumed = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!info.completeness().isComplete()) {
                throw new CompileError("line " + lineOf(cell, consumed + firstNonBlank(remaining)) + ": incomplete statement: "
                        + firstLine(remaining.strip()));
            }
            String source = info.source();
            int snippetStart = consumed + firstNonBlank(remaining);
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
            value = Optional.empty();
            for (SnippetEvent event : shell.eval(source)) {
                if (event.causeSnippet() != null) continue; // a dependent declaration being re-validated
                Snippet snippet = event.snippet();
                if (event.status() == Snippet.Status.REJECTED) {
                    throw new CompileError(diagnostics(cell, snippetStart, snippet));
                }
                if (event.exception() != null) throw unwrap(event.exception());
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    throw new CompileError(diagnostics(cell, snippetStart, snippet) + unresolved(snippet));
                }
                if (isValueSnippet(snippet) && event.value() != null) value = Optional.of(event.value());
            }
        }
        return new Result(value);
    }

    /** {@code true} when {@code code} is a complete cell (no open block, string or statement). */
    public boolean isComplete(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) return true;
            if (!info.completeness().isComplete()) return false;
            remaining = info.remaining();
        }
        return true;
    }

    /** Completions at {@code cursor}: the replacements and the start of the text they replace. */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> all = analysis.completionSuggestions(code, cursor, anchor);
        // Prefer suggestions whose type fits the context; fall back to all of them.
        List<SourceCodeAnalysis.Suggestion> typed = all.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).toList();
        List<String> options = (typed.isEmpty() ? all : typed).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return new Completions(options, anchor[0], cursor);
    }

    public record Completions(List<String> options, int start, int end) {}

    /** Javadoc-style signatures of what is under {@code cursor}, empty when nothing is known. */
    public String documentation(String code, int cursor) {
        return analysis.documentation(code, cursor, true).stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n"));
    }

    /** Stops the running snippet (Jupyter's interrupt); the snippet sees a thread death. */
    public void stop() {
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }

    private static boolean isValueSnippet(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private String diagnostics(String cell, int snippetStart, Snippet snippet) {
        List<String> lines = new ArrayList<>();
        shell.diagnostics(snippet).forEach(d -> lines.add(format(cell, snippetStart, snippet, d)));
        return lines.isEmpty() ? "line " + lineOf(cell, snippetStart) + ": rejected: " + firstLine(snippet.source()) : String.join("\n", lines);
    }

    private String unresolved(Snippet snippet) {
        if (!(snippet instanceof jdk.jshell.DeclarationSnippet decl)) return "";
        List<String> names = shell.unresolvedDependencies(decl).collect(Collectors.toList());
        return names.isEmpty() ? "" : "\nunresolved: " + String.join(", ", names);
    }

    private static String format(String cell, int snippetStart, Snippet snippet, Diag d) {
        int pos = d.getStartPosition() >= 0 ? (int) d.getStartPosition() : 0;
        int line = lineOf(cell, snippetStart + Math.min(pos, snippet.source().length()));
        String src = snippet.source();
        int from = src.lastIndexOf('\n', Math.max(0, Math.min(pos, src.length()) - 1)) + 1;
        int to = src.indexOf('\n', Math.min(pos, src.length()));
        String text = src.substring(from, to < 0 ? src.length() : to);
        String caret = " ".repeat(Math.max(0, Math.min(pos, src.length()) - from)) + "^";
        return "line " + line + ": " + d.getMessage(Locale.ROOT) + "\n    " + text + "\n    " + caret;
    }

    private static RuntimeException unwrap(JShellException e) {
        if (e instanceof EvalException ee) {
            return new CellException(ee.getExceptionClassName(), ee.getMessage(), ee.getStackTrace(), ee.getCause());
        }
        if (e instanceof UnresolvedReferenceException ure) {
            return new CompileError("unresolved reference in " + firstLine(ure.getSnippet().source()));
        }
        return new CellException(e.getClass().getName(), e.getMessage(), e.getStackTrace(), e.getCause());
    }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
