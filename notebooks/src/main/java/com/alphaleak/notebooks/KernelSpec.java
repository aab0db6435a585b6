package com.alphaleak.notebooks;

import com.alphaleak.spark.JvmOpens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter kernelspec ({@code kernels/alphaleak-java/kernel.json}) that starts {@link KernelMain}
 * on a fixed classpath with the JVM flags Spark needs on Java 17. Jupyter finds it under any
 * directory of {@code JUPYTER_PATH} (or {@code ~/.local/share/jupyter}).
 */
public record KernelSpec(String javaBinary, List<String> classpath, List<String> jvmOptions) {
    /** The spec for this JVM's {@code java} binary, the given classpath and a heap of {@code -Xmx4g}. */
    public static KernelSpec forClasspath(List<String> classpath) {
        List<String> opts = new ArrayList<>(List.of("-Xmx4g", "-Dspark.ui.enabled=false"));
        opts.addAll(JvmOpens.flags()); // what Spark needs opened on Java 17: the list surefire and the launchers use
        return new KernelSpec(Path.of(System.getProperty("java.home"), "bin", "java").toString(), classpath, opts);
    }

    /** The kernel.json content: argv, display name, language, and interrupts as messages (JShell stops the snippet). */
    public Map<String, Object> toJson() {
        List<String> argv = new ArrayList<>();
        argv.add(javaBinary);
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(String.join(java.io.File.pathSeparator, classpath));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "Java (Alpha Leak)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        return spec;
    }

    /** Writes {@code <jupyterDataDir>/kernels/alphaleak-java/kernel.json}, replacing an older one; returns the kernel dir. */
    public Path install(Path jupyterDataDir) {
        Path dir = jupyterDataDir.resolve("kernels").resolve(JavaKernel.NAME);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), toJson());
            Files.move(tmp, dir.resolve("kernel.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec under " + dir, e);
        }
    }
}
