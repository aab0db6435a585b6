package com.alphaleak.clusterit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every process the harness starts, each with its output in one log file, stopped by PID in
 * {@link #close()}. Processes that ours start in turn (the executors a Worker launches) are
 * stopped too: they are snapshotted as descendants before any kill, because a killed parent's
 * children are re-parented to init and no longer show up as its descendants.
 */
final class ManagedProcesses implements AutoCloseable {

    /** One started process and its log (stdout and stderr together). */
    record Started(String name, Process process, Path log) {
        long pid() {
            return process.pid();
        }

        String logText() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path logDir;
    private final List<Started> started = new ArrayList<>();
    /** Descendants seen at any time (executors of workers), so they can be stopped after their parent died. */
    private final Set<ProcessHandle> adopted = new LinkedHashSet<>();
    private final List<Long> leftRunning = new ArrayList<>();

    private final Thread onExit = new Thread(this::close, "stop-started-processes");
    private boolean closed;

    ManagedProcesses(Path logDir) throws IOException {
        this.logDir = Files.createDirectories(logDir);
        // Ctrl-C on bin/cluster-smoke, or a test JVM stopped by its timeout: still stop what we started.
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    Started start(String name, List<String> command, Map<String, String> environment, Path workingDir) {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        try {
            Started s = new Started(name, pb.start(), log);
            synchronized (started) {
                started.add(s);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    /** Waits for the process to end; on timeout it is killed and an exception names the log. */
    int waitFor(Started s, Duration timeout) throws InterruptedException {
        if (!s.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            snapshotDescendants(s);
            s.process().destroyForcibly();
            throw new IllegalStateException(s.name() + " did not finish within " + timeout + "; log: " + s.log());
        }
        return s.process().exitValue();
    }

    /** A match in a log: its groups and the byte offset just after it (to search on from there). */
    record Found(List<String> groups, long end) {
        String group(int i) {
            return groups.get(i);
        }
    }

    /** Waits until the log has a line matching {@code pattern}; fails early when the process ends. */
    Found awaitLog(Started s, Pattern pattern, Duration timeout) throws InterruptedException {
        return awaitLog(s, pattern, timeout, 0, 200);
    }

    /**
     * Waits until the log, from byte {@code from} on, matches {@code pattern}, reading only what was
     * appended since the last poll (driver logs grow to megabytes; a kill must follow its cue
     * within milliseconds). Fails early when the process ends.
     */
    Found awaitLog(Started s, Pattern pattern, Duration timeout, long from, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long scanned = from; // everything before is searched, up to the last complete line
        while (true) {
            boolean alive = s.process().isAlive();
            String chunk = read(s.log(), scanned);
            int lastNewline = chunk.lastIndexOf('\n');
            if (lastNewline >= 0) {
                // ISO-8859-1 maps bytes 1:1 to chars, so string offsets are byte offsets.
                Matcher m = pattern.matcher(chunk.substring(0, lastNewline + 1));
                if (m.find()) {
                    List<String> groups = new ArrayList<>();
                    for (int i = 0; i <= m.groupCount(); i++) groups.add(m.group(i));
                    return new Found(groups, scanned + m.end());
                }
                scanned += lastNewline + 1;
            }
            if (!alive) {
                throw new IllegalStateException(s.name() + " ended (exit " + s.process().exitValue() + ") before logging /"
                        + pattern + "/; log: " + s.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " did not log /" + pattern + "/ within " + timeout + "; log: " + s.log());
            }
            snapshotDescendants(s);
            Thread.sleep(pollMillis);
        }
    }

    /**
     * Feeds each complete line appended to the log from byte {@code from} on to {@code line}
     * (polling every {@code pollMillis}) until it returns a result; fails when the process ends or
     * the time is up. For cues that need state across lines and a reaction within milliseconds.
     */
    <T> T awaitLines(Started s, java.util.function.Function<String, Optional<T>> line, Duration timeout, long from, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long scanned = from;
        while (true) {
            boolean alive = s.process().isAlive();
            String chunk = read(s.log(), scanned);
            int begin = 0;
            for (int nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', begin)) {
                Optional<T> r = line.apply(chunk.substring(begin, nl));
                begin = nl + 1;
                if (r.isPresent()) return r.get();
            }
            scanned += begin;
            if (!alive) throw new IllegalStateException(s.name() + " ended (exit " + s.process().exitValue() + ") before its cue; log: " + s.log());
            if (System.nanoTime() > deadline) throw new IllegalStateException(s.name() + " did not log its cue within " + timeout + "; log: " + s.log());
            Thread.sleep(pollMillis);
        }
    }

    private static String read(Path log, long from) {
        if (!Files.exists(log)) return "";
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long n = f.length() - from;
            if (n <= 0) return "";
            byte[] b = new byte[(int) Math.min(n, 64L << 20)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * kill -9 of one process, nothing else: its children are not signalled. Take its descendants
     * with {@link #snapshotDescendants} beforehand (walking /proc costs milliseconds) so teardown
     * still finds them.
     */
    void kill9(Started s) {
        s.process().destroyForcibly(); // SIGKILL on Unix
    }

    List<ProcessHandle> snapshotDescendants(Started s) {
        List<ProcessHandle> d = s.process().descendants().toList();
        synchronized (adopted) {
            adopted.addAll(d);
        }
        return d;
    }

    /**
     * Stops everything still running, newest first (drivers before workers before the master), and
     * records any PID that outlived a SIGKILL.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs close() again and returns at once
            }
        }
        List<Started> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        for (Started s : all) {
            if (s.process().isAlive()) snapshotDescendants(s);
        }
        List<ProcessHandle> handles = new ArrayList<>();
        synchronized (adopted) {
            handles.addAll(adopted); // children first: a Worker would otherwise relaunch nothing, but an executor would linger
        }
        for (int i = all.size() - 1; i >= 0; i--) handles.add(all.get(i).process().toHandle());
        for (ProcessHandle h : handles) {
            if (h.isAlive()) h.destroy(); // SIGTERM: lets Spark and s3proxy run their shutdown hooks
        }
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported below
            }
            if (h.isAlive()) leftRunning.add(h.pid());
        }
    }

    /** PIDs (ours and their descendants) still alive after {@link #close()}; empty when all stopped. */
    List<Long> leftRunning() {
        return List.copyOf(leftRunning);
    }

    List<Started> started() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    /** Every PID the harness is responsible for: the ones it started and their descendants. */
    int count() {
        synchronized (adopted) {
            return started.size() + adopted.size();
        }
    }

    Optional<Started> byName(String name) {
        return started().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
