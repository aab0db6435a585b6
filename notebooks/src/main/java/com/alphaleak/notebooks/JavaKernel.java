package com.alphaleak.notebooks;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The Jupyter side of the Java kernel: wires Jupyter's execute / complete / inspect /
 * is-complete / interrupt requests to a {@link JShellEvaluator}. The wire protocol (ZeroMQ
 * sockets, HMAC signing, display data) is JJava's {@link BaseKernel}.
 */
public final class JavaKernel extends BaseKernel {
    public static final String NAME = "alphaleak-java";

    private final JShellEvaluator evaluator;

    private JavaKernel(Builder b, JShellEvaluator evaluator) {
        super(b.name(), b.version(), new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell",
                        "java", "java", null), List.of(), b.history(), b.io(), b.comms(), b.renderer(),
                b.parser(), b.magics(), false, b.styler());
        this.evaluator = evaluator;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell, local execution) with the Alpha Leak pipeline on the classpath";
    }

    @Override
    public Object evalRaw(String code) {
        return evaluator.eval(code).value().orElse(null);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator.documentation(code, at);
        return doc.isEmpty() ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellEvaluator.Completions c = evaluator.complete(code, at);
        return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return evaluator.isComplete(code) ? IS_COMPLETE_YES : "    "; // an indent means "incomplete, continue"
    }

    @Override
    public void interrupt() {
        evaluator.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
    }

    /** Compile errors show javac's message only; runtime errors the user's exception and its snippet frames. */
    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof JShellEvaluator.CompileError) {
            lines.add(errorStyler.primary("compile error"));
            lines.addAll(errorStyler.secondaryLines(e.getMessage()));
            return lines;
        }
        lines.add(errorStyler.primary(e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
        for (StackTraceElement frame : e.getStackTrace()) lines.add(errorStyler.secondary("    at " + frame));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            lines.add(errorStyler.secondary("caused by " + c));
        }
        return lines;
    }

    /** Builds the kernel with JJava's defaults for I/O, comms, rendering and history. */
    public static final class Builder extends BaseKernelBuilder<Builder, JavaKernel> {
        private List<String> classpath;

        public Builder classpath(List<String> entries) {
            this.classpath = List.copyOf(entries);
            return this;
        }

        @Override
        public JavaKernel build() {
            JShellEvaluator evaluator = classpath == null ? new JShellEvaluator() : new JShellEvaluator(classpath);
            return new JavaKernel(this, evaluator);
        }

        String name() {
            return NAME;
        }

        String version() {
            return buildVersion();
        }

        org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
            return buildHistoryManager();
        }

        org.dflib.jjava.jupyter.kernel.JupyterIO io() {
            return buildJupyterIO(buildJupyterIOEncoding());
        }

        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
            return buildCommManager();
        }

        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
            return buildRenderer();
        }

        MagicParser parser() {
            return magicParser != null ? magicParser : new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler());
        }

        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
            return buildMagicsRegistry();
        }

        org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
            return buildErrorStyler();
        }
    }
}
