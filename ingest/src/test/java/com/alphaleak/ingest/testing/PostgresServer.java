package com.alphaleak.ingest.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throw-away PostgreSQL server for tests and benchmarks: Debian's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, installed by {@code bin/install-postgres} when missing
 * and running as root), a fresh cluster in a temporary directory, listening on 127.0.0.1 on a free
 * port, run as an unprivileged user (PostgreSQL refuses root: {@code postgres}, else {@code nobody},
 * when the JVM runs as root). Password authentication (scram-sha-256) with a random password, so
 * tests see what production sees. {@link #close()} stops the server and deletes the directory; a
 * shutdown hook does the same when a test run ends without closing it.
 *
 * <pre>{@code
 * PostgresServer pg = PostgresServer.shared();
 * String url = pg.createDatabase("ingest_test");
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "alphaleak_test";
    private static PostgresServer shared;

    private final Path dir;
    private final Process process;
    private final int port;
    private final String password;
    private final Thread hook;

    private PostgresServer(Path dir, Process process, int port, String password) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.password = password;
        this.hook = new Thread(this::stop, "postgres-test-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** One server for the whole test JVM, started on first use, stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) shared = start();
        return shared;
    }

    /** Starts a new server (the caller closes it). */
    public static PostgresServer start() {
        try {
            Path bin = binaries();
            Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
            Path dir = Files.createTempDirectory("alphaleak-pg-");
            String password = "pw-" + UUID.randomUUID();
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            Path data = dir.resolve("data");
            if (runAs.isPresent()) exec(List.of("chown", "-R", runAs.get() + ":", dir.toString()));
            exec(asUser(runAs, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "-N")));
            Files.deleteIfExists(pwfile);
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                // Durability is irrelevant for a throw-away test cluster; fsync off keeps it fast.
                List<String> cmd = asUser(runAs, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                        "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", dir.toString(),
                        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                        "-c", "max_connections=60", "-c", "shared_buffers=128MB"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("server-" + attempt + ".log").toFile()).start();
                PostgresServer server = new PostgresServer(dir, p, port, password);
                if (server.awaitReady()) return server;
                server.stopProcess();
                Runtime.getRuntime().removeShutdownHook(server.hook);
                last = new IOException("PostgreSQL did not start on port " + port + ": "
                        + Files.readString(dir.resolve("server-" + attempt + ".log")));
            }
            deleteTree(dir);
            throw last;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the PostgreSQL test server: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database (dropping an existing one of the same name) and returns its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        synchronized (PostgresServer.class) {
            if (shared == this) shared = null;
        }
    }

    private synchronized void stop() {
        stopProcess();
        deleteTree(dir);
    }

    /** Fast shutdown (SIGINT: disconnect clients, roll back, exit), then SIGKILL if it hangs. */
    private void stopProcess() {
        if (!process.isAlive()) return;
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) return false;
            try (Connection c = connect("postgres")) {
                return true;
            } catch (SQLException notYet) {
                sleep(100);
            }
        }
        return false;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and postgres; installs the package when none. */
    static Path binaries() throws IOException {
        Optional<Path> found = findBinaries();
        if (found.isPresent()) return found.get();
        if (!isRoot()) {
            throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin; run bin/install-postgres "
                    + "(sudo apt-get install postgresql)");
        }
        Path script = repoFile("bin/install-postgres")
                .orElseThrow(() -> new IOException("bin/install-postgres not found above " + System.getProperty("user.dir")));
        exec(List.of("bash", script.toString()));
        return findBinaries().orElseThrow(() -> new IOException("bin/install-postgres ran but no binaries were found"));
    }

    private static Optional<Path> findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion));
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Path> repoFile(String relative) {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(relative))) return Optional.of(d.resolve(relative));
        }
        return Optional.empty();
    }

    private static boolean isRoot() throws IOException {
        return exec(List.of("id", "-u")).trim().equals("0");
    }

    private static String unprivilegedUser() throws IOException {
        try {
            exec(List.of("id", "-u", "postgres"));
            return "postgres";
        } catch (IOException noSuchUser) {
            return "nobody";
        }
    }

    /** setpriv execs in place, so the process Java holds is the server itself (stopping it stops the server). */
    private static List<String> asUser(Optional<String> user, List<String> cmd) {
        if (user.isEmpty()) return cmd;
        List<String> out = new ArrayList<>(Arrays.asList("setpriv", "--reuid=" + user.get(), "--regid=" + user.get(),
                "--init-groups", "--"));
        if (user.get().equals("nobody")) out.set(2, "--regid=nogroup");
        out.addAll(cmd);
        return out;
    }

    private static String exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("/")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
