package com.alphaleak.notebooks;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the Java kernel.
 * <pre>
 *   KernelMain CONNECTION_FILE           serve Jupyter on the sockets the connection file names
 *   KernelMain --install JUPYTER_DATA_DIR  write kernels/alphaleak-java/kernel.json for this JVM's classpath
 * </pre>
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--install")) {
            List<String> cp = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
            System.out.println(KernelSpec.forClasspath(cp).install(Path.of(args[1])).resolve("kernel.json"));
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE | --install JUPYTER_DATA_DIR");
            System.exit(2);
        }
        // Spark's INFO lines belong in the kernel's log, not in every cell: WARN unless the user chose a config.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", String.valueOf(KernelMain.class.getResource("/log4j2-kernel.properties")));
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JavaKernel kernel = JavaKernel.builder().name(JavaKernel.NAME).version(KernelMain.class.getPackage().getImplementationVersion() == null
                ? "dev" : KernelMain.class.getPackage().getImplementationVersion()).build();
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
    }
}
