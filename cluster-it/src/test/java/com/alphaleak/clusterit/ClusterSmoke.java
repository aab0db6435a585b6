package com.alphaleak.clusterit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cluster smoke test: the cluster jar on a real Spark 3.5 standalone cluster (a Master and two
 * 1-core Workers as separate processes, from a throw-away SPARK_HOME), every path on {@code s3a://}
 * against an S3 API server process (s3proxy), driven exactly as README's "Cluster deployment"
 * tells operators: spark-submit (client mode) of {@code generate-sample}, {@code run},
 * then {@code bin/alphaleak sync-models} as an inference host runs it, then {@code monitor}.
 * One Worker and its executor are killed with SIGKILL (a node failure) while a search
 * runs a trial there.
 *
 * <p>One implementation for both users: {@code bin/cluster-smoke} runs {@link #main}, and
 * {@code ClusterSmokeTest} (part of {@code mvn verify}) calls {@link #run} and asserts each
 * {@link Check}. Every process is stopped by PID in the end, also on failure.
 */
public final class ClusterSmoke {

    /** The buckets of conf/cluster.conf: tables, work dir (datasets, trials, models, monitor), published models. */
    static final List<String> BUCKETS = List.of("alphaleak-lake", "alphaleak-training", "alphaleak-models");
    static final String PUBLISHED_ROOT = "s3a://alphaleak-models";
    static final String WORK_ROOT = "s3a://alphaleak-training";
    static final String RUN_ID = "smoke";
    static final String HADOOP_AWS = "hadoop-aws-3.3.4.jar";
    static final String AWS_BUNDLE = "aws-java-sdk-bundle-1.12.262.jar";
    static final String STANDALONE = "standalone";

    /**
     * A world small enough for a few minutes on 2 cores: 2,000 signals, one target per dataset,
     * 8 trials of at most 400 iterations. Each trial runs at least 100 iterations (the early
     * stopping patience), a few hundred milliseconds, so the worker kill lands inside one; with
     * the patience at 10 a genesis trial took 50 ms and ended before the kill. The kill waits for
     * finished trials on both executors and then for a trial starting on worker-1's; with 4 trials
     * a search could hand its last ones to the other executor first and end before that cue
     * (seen once on CI), so each search has 8. Everything else comes from conf/cluster.conf.
     */
    static final List<String> TINY_WORLD = List.of(
            "sample.signals=2000", "sample.wallets=400", "sample.creators=150", "sample.days=14",
            "spark.shuffle-partitions=8",
            "datasets.signal.targets=[reach_2x_1h]", "datasets.genesis.targets=[reach_2x_1h]",
            "tuning.trials=8", "tuning.startup-trials=2", "tuning.max-iterations=400", "tuning.early-stopping-rounds=100",
            "export.parity-rows=2000");

    /** A progress line of a finished trial, naming the executor it ran on. */
    static final Pattern TRIAL_FINISHED_ON = Pattern.compile("\\| trial \\d+: PR-AUC \\S+ at iteration \\d+ \\([^)\\n]*executor (\\S+?)@");

    /** What HyperparameterSearch logs when a search starts: the moment to kill a worker. */
    static final Pattern SEARCH_STARTED = Pattern.compile("HyperparameterSearch: \\S+: \\d+ trials, \\d+ at once, mode task-parallel");

    /**
     * @param projectRoot the checkout (bin/alphaleak, conf/, jobs/target/alphaleak-jobs-cluster.jar)
     * @param master      {@link #STANDALONE} for the throw-away cluster, or a local master (e.g. local[2]) to compare timings
     * @param killWorker  SIGKILL one Worker and its executor while a trial runs there, once trials finished on both executors (standalone only)
     * @param keep        keep the work directory (logs, the S3 objects under s3/) instead of deleting it
     * @param workParent  where the work directory is created
     */
    public record Options(Path projectRoot, String master, boolean killWorker, boolean keep, Path workParent) {
        public static Options defaults(Path projectRoot) {
            return new Options(projectRoot, STANDALONE, true, false, Path.of(System.getProperty("java.io.tmpdir")));
        }

        boolean standalone() {
            return STANDALONE.equals(master);
        }
    }

    /** One command run as a separate process; {@code command} is for display and carries no secret. */
    public record Stage(String name, List<String> command, int exitCode, Duration elapsed, Path log) {}

    /** One verified behaviour. */
    public record Check(String name, boolean ok, String detail) {}

    public record Result(Options options, Path workDir, List<Stage> stages, Duration cycle, List<Check> checks) {
        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }

        /** The named check; a failed one when it was never reached because an earlier stage failed. */
        public Check check(String name) {
            return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElse(new Check(name, false, "not reached: " + checks.stream().filter(c -> c.name().equals(STAGES_EXIT_ZERO))
                            .findFirst().map(Check::detail).orElse("the harness stopped early")));
        }
    }

    // Check names (the test asserts them one by one).
    static final String STAGES_EXIT_ZERO = "every stage exits 0";
    static final String TRIALS_ON_EXECUTORS = "trials ran in executor processes";
    static final String SYNC_IDENTICAL = "synced pair is byte-identical to the export";
    static final String WORKER_KILL_SURVIVED = "run completes after a worker node is killed";
    static final String MONITOR_DECISION = "monitor decides on the s3a live tables";
    static final String EVERYTHING_ON_S3A = "every artifact is in the object store, none on local disk";
    static final String NO_SECRET_IN_LOGS = "no secret in any log";
    static final String ALL_STOPPED = "every started process is stopped";
    static final String NO_NATIVE_COPIES_LEFT = "executors leave no extracted native library behind";

    private final Options options;
    private final PrintStream out;
    private final Path root;
    private final Credentials keys = Credentials.random();
    private final List<Stage> stages = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private Path work;
    private ThrowawaySparkHome sparkHome;
    private S3ProxyProcess s3;
    private ManagedProcesses processes;
    private String masterUrl;
    private final Instant started = Instant.now();

    private ClusterSmoke(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.root = options.projectRoot().toAbsolutePath().normalize();
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        return new ClusterSmoke(options, out).execute();
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Result r = run(o, System.out);
        System.out.println();
        for (Check c : r.checks()) {
            System.out.printf(Locale.ROOT, "%-4s %-48s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
        }
        System.out.printf(Locale.ROOT, "%ncycle (generate-sample + run + sync-models + monitor) on %s: %s%n",
                o.standalone() ? "the standalone cluster" : o.master(), human(r.cycle()));
        if (o.keep()) System.out.println("kept " + r.workDir());
        System.exit(r.ok() ? 0 : 1);
    }

    static Options parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        String master = STANDALONE;
        boolean kill = true;
        boolean keep = false;
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--project" -> root = Path.of(args[++i]);
                case "--master" -> master = args[++i];
                case "--no-kill" -> kill = false;
                case "--keep" -> keep = true;
                case "--work-parent" -> parent = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--project DIR, --master standalone|local[N], --no-kill, --keep, --work-parent DIR)");
            }
        }
        return new Options(root, master, kill && STANDALONE.equals(master), keep, parent);
    }

    private Result execute() throws Exception {
        Path clusterJar = root.resolve("jobs/target/alphaleak-jobs-cluster.jar");
        Path itTarget = root.resolve("cluster-it/target");
        for (Path p : List.of(clusterJar, itTarget.resolve("spark-distribution-classpath.txt"), itTarget.resolve("s3proxy/s3proxy.jar"),
                root.resolve("jobs/target/local-classpath.txt"))) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " is missing: build first (mvn -B -DskipTests package -pl cluster-it -am)");
            }
        }
        work = Files.createTempDirectory(Files.createDirectories(options.workParent()), "alphaleak-cluster-smoke-");
        log("work directory " + work + " (logs in logs/)");
        processes = new ManagedProcesses(work.resolve("logs"));
        Duration cycle = Duration.ZERO;
        HarnessSpark harness = null;
        try {
            sparkHome = ThrowawaySparkHome.create(work.resolve("spark-home"), itTarget.resolve("spark-distribution-classpath.txt"));
            s3 = S3ProxyProcess.start(processes, itTarget.resolve("s3proxy/s3proxy.jar"), work.resolve("s3"), work, BUCKETS, keys, freePort());
            log("S3 API server (s3proxy) at " + s3.endpoint() + ", buckets " + BUCKETS);
            masterUrl = options.standalone() ? startCluster() : options.master();

            Instant t0 = Instant.now();
            Stage generate = submit("generate-sample", List.of());
            WorkerKill kill = options.killWorker() && generate.exitCode() == 0 ? new WorkerKill() : null;
            Stage run = generate.exitCode() != 0 ? null : submit("run", List.of(), kill);
            Path hostDir = work.resolve("host-models");
            Stage sync = run == null || run.exitCode() != 0 ? null : syncModels(hostDir);
            Duration hostSide = Duration.ZERO;
            Stage monitor = null;
            if (sync != null && sync.exitCode() == 0) {
                Instant h0 = Instant.now();
                harness = new HarnessSpark(s3.endpoint(), keys);
                LiveTables.Written live = LiveTables.scoreAndWrite(harness.spark(), hostDir, WORK_ROOT);
                hostSide = Duration.between(h0, Instant.now());
                log(String.format(Locale.ROOT, "host side: scored %d validation signals with the synced %s, live tables written (%s)",
                        live.scored(), live.modelId(), human(hostSide)));
                monitor = submit("monitor", List.of("--as-of", live.asOf().toString()));
            }
            cycle = Duration.between(t0, Instant.now()).minus(hostSide);

            checks.add(stagesExitZero());
            if (run != null && run.exitCode() == 0) {
                if (harness == null) harness = new HarnessSpark(s3.endpoint(), keys);
                checks.add(trialsOnExecutors(harness));
            }
            if (kill != null) checks.add(kill.verdict(run));
            if (sync != null && sync.exitCode() == 0) checks.add(syncIdentical(harness, hostDir));
            if (monitor != null) checks.add(monitorDecision(harness, monitor));
            if (monitor != null) checks.add(everythingOnS3a(harness, t0));
            if (options.standalone() && run != null && run.exitCode() == 0) checks.add(noNativeCopiesLeft());
        } finally {
            if (harness != null) harness.close();
            processes.close();
            checks.add(noSecretInLogs());
            List<Long> left = processes.leftRunning();
            checks.add(new Check(ALL_STOPPED, left.isEmpty(), left.isEmpty()
                    ? processes.count() + " processes (and their children) stopped by PID" : "still running: " + left));
            if (!options.keep()) deleteTree(work);
        }
        return new Result(options, work, List.copyOf(stages), cycle, List.copyOf(checks));
    }

    // ---------------------------------------------------------------- the cluster

    /** A Master and two 1-core Workers on loopback, each its own JVM from the throw-away SPARK_HOME. */
    private String startCluster() throws Exception {
        int port = freePort();
        List<String> master = new ArrayList<>(sparkHome.javaCommand("512m", "org.apache.spark.deploy.master.Master"));
        master.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
        ManagedProcesses.Started m = processes.start("master", master, sparkHome.environment(), work);
        processes.awaitLog(m, Pattern.compile("I have been elected leader"), Duration.ofSeconds(90));
        String url = "spark://127.0.0.1:" + port;
        for (int i = 1; i <= 2; i++) {
            List<String> worker = new ArrayList<>(sparkHome.javaCommand("512m", "org.apache.spark.deploy.worker.Worker"));
            worker.addAll(List.of(url, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "2g",
                    "--work-dir", Files.createDirectories(work.resolve("worker-" + i)).toString()));
            // A node's S3 credentials reach the executors it launches through the environment,
            // as an instance role or node-level keys would.
            Map<String, String> env = new LinkedHashMap<>(sparkHome.environment());
            env.putAll(keys.environment());
            // Each node's JVMs (the worker and the executors it launches) get their own temporary
            // directory, so what executors leave there can be checked per node.
            env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + Files.createDirectories(nodeTmp(i)));
            processes.start("worker-" + i, worker, env, work);
        }
        for (int i = 1; i <= 2; i++) {
            processes.awaitLog(processes.byName("worker-" + i).orElseThrow(), Pattern.compile("Successfully registered with master"),
                    Duration.ofSeconds(90));
        }
        log("standalone cluster up: master " + url + ", 2 workers x 1 core");
        return url;
    }

    // ---------------------------------------------------------------- the commands operators run

    /**
     * spark-submit arguments exactly as README's "Cluster deployment" (client mode) shows them; the
     * tiny-world settings come after the profile.
     */
    List<String> submitArguments(String command, List<String> extra) {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<String> a = new ArrayList<>(List.of(
                "--master", masterUrl, "--deploy-mode", "client",
                "--class", "com.alphaleak.jobs.AlphaLeakCli",
                "--jars", m2.resolve("org/apache/hadoop/hadoop-aws/3.3.4/" + HADOOP_AWS) + ","
                        + m2.resolve("com/amazonaws/aws-java-sdk-bundle/1.12.262/" + AWS_BUNDLE),
                "--conf", "spark.executor.memory=1g", "--conf", "spark.task.cpus=1",
                "--conf", "spark.hadoop.fs.s3a.endpoint=" + s3.endpoint(),
                "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
                "--conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
                root.resolve("jobs/target/alphaleak-jobs-cluster.jar").toString(),
                command, "--config", "conf/cluster.conf", "--set", "run.id=" + RUN_ID));
        for (String s : TINY_WORLD) {
            a.add("--set");
            a.add(s);
        }
        a.addAll(extra);
        return a;
    }

    private Stage submit(String command, List<String> extra) throws Exception {
        return submit(command, extra, null);
    }

    private Stage submit(String command, List<String> extra, WorkerKill kill) throws Exception {
        List<String> args = submitArguments(command, extra);
        List<String> cmd = new ArrayList<>(sparkHome.javaCommand("2g", "org.apache.spark.deploy.SparkSubmit"));
        cmd.addAll(args);
        Map<String, String> env = new LinkedHashMap<>(sparkHome.environment());
        env.putAll(keys.environment());
        log("spark-submit " + String.join(" ", args));
        Instant t0 = Instant.now();
        ManagedProcesses.Started p = processes.start(command, cmd, env, root);
        if (kill != null) kill.watch(p);
        int exit = processes.waitFor(p, Duration.ofMinutes(20));
        if (kill != null) kill.stopWatching();
        return record(command, args, exit, t0, p.log());
    }

    /** {@code bin/alphaleak sync-models} as a host runs it, with the S3 endpoint as Hadoop settings and the keys in the environment. */
    private Stage syncModels(Path dest) throws Exception {
        List<String> args = List.of("sync-models", "--root", PUBLISHED_ROOT, "--dest", dest.toString(),
                "--hadoop-conf", "fs.s3a.endpoint=" + s3.endpoint(),
                "--hadoop-conf", "fs.s3a.path.style.access=true",
                "--hadoop-conf", "fs.s3a.connection.ssl.enabled=false");
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("bin/alphaleak").toString());
        cmd.addAll(args);
        Map<String, String> env = new LinkedHashMap<>(keys.environment());
        env.put("ALPHALEAK_JAVA_OPTS", "-Xmx1g");
        // The jars were built before the harness started; a rebuild in the middle would race the cluster.
        env.put("ALPHALEAK_NO_BUILD", "1");
        log("bin/alphaleak " + String.join(" ", args));
        Instant t0 = Instant.now();
        ManagedProcesses.Started p = processes.start("sync-models", cmd, env, root);
        int exit = processes.waitFor(p, Duration.ofMinutes(5));
        return record("sync-models", cmd, exit, t0, p.log());
    }

    private Stage record(String name, List<String> command, int exit, Instant t0, Path log) {
        Stage s = new Stage(name, command, exit, Duration.between(t0, Instant.now()), log);
        stages.add(s);
        log(String.format(Locale.ROOT, "%s: exit %d in %s", name, exit, human(s.elapsed())));
        if (exit != 0) {
            out.println("---- last lines of " + log);
            tail(log, 60).forEach(l -> out.println("  " + scrub(l)));
            out.println("----");
        }
        return s;
    }

    // ---------------------------------------------------------------- the worker kill

    /**
     * Kills worker-1 and its executor with SIGKILL, as when their machine dies, while a trial runs
     * there: once both searches run and finished trials name both executors, at the next trial
     * task the driver starts on that executor.
     */
    private final class WorkerKill {
        private final AtomicReference<String> outcome = new AtomicReference<>("the second search never started");
        private volatile String executorId;
        private volatile String taskId;
        private volatile String stageId;
        private volatile List<ProcessHandle> executors = List.of();
        private volatile boolean executorsExited;
        private Thread watcher;

        void watch(ManagedProcesses.Started driver) {
            watcher = new Thread(() -> {
                try {
                    ManagedProcesses.Found first = processes.awaitLog(driver, SEARCH_STARTED, Duration.ofMinutes(15), 0, 100);
                    ManagedProcesses.Found second = processes.awaitLog(driver, SEARCH_STARTED, Duration.ofMinutes(15), first.end(), 50);
                    // Two targets train at once (tuning.concurrent-targets), so both searches start
                    // together: wait until finished trials name both executors, then kill at the next
                    // trial that starts on worker-1's. Killed earlier, its executor would have run no
                    // trial, and the "trials on both executors" check could not hold.
                    long cueFrom = Math.max(first.end(), second.end());
                    java.util.Set<String> finishedOn = new java.util.HashSet<>();
                    while (finishedOn.size() < 2) {
                        ManagedProcesses.Found done = processes.awaitLog(driver, TRIAL_FINISHED_ON, Duration.ofMinutes(15), cueFrom, 20);
                        finishedOn.add(done.group(1));
                        cueFrom = done.end();
                    }
                    ManagedProcesses.Started worker = processes.byName("worker-1").orElseThrow();
                    Matcher launched = Pattern.compile("Asked to launch executor (app-\\S+)/(\\d+)").matcher(worker.logText());
                    while (launched.find()) executorId = launched.group(2); // the last launch is this application's
                    if (executorId == null) throw new IllegalStateException("worker-1 launched no executor");
                    executors = processes.snapshotDescendants(worker); // before the cue: the kill must follow it within milliseconds
                    Pattern trialStage = Pattern.compile("Final stage: ResultStage (\\d+) \\(collect at SparkTaskTrialExecutor");
                    Pattern start = Pattern.compile("Starting task \\S+ in stage (\\d+)\\.\\d+ \\(TID (\\d+)\\) \\(\\S+, executor "
                            + executorId + ",");
                    java.util.Set<String> trialStages = new java.util.HashSet<>();
                    // Only a trial (a one-task job of SparkTaskTrialExecutor), not a SynapseML fit or a write.
                    String[] cue = processes.awaitLines(driver, line -> {
                        Matcher stage = trialStage.matcher(line);
                        if (stage.find()) trialStages.add(stage.group(1));
                        Matcher task = start.matcher(line);
                        return task.find() && trialStages.contains(task.group(1))
                                ? Optional.of(new String[] {task.group(1), task.group(2)}) : Optional.empty();
                    }, Duration.ofMinutes(5), cueFrom, 5);
                    // The node dies: its Worker and its executor at once. A Worker's death alone leaves
                    // the executor running until it notices (tens of milliseconds), long enough to
                    // finish a 100 ms trial and report it; then no task would be lost.
                    executors.forEach(ProcessHandle::destroyForcibly);
                    processes.kill9(worker);
                    stageId = cue[0];
                    taskId = cue[1];
                    log("search running: killed worker-1 (pid " + worker.pid() + ") and its executor " + executorId
                            + " (pids " + executors.stream().map(ProcessHandle::pid).toList() + ") with SIGKILL while it ran trial task " + taskId);
                    outcome.set("killed");
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (executors.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(200);
                    executorsExited = executors.stream().noneMatch(ProcessHandle::isAlive);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    outcome.set("kill failed: " + e.getMessage());
                }
            }, "worker-killer");
            watcher.setDaemon(true);
            watcher.start();
        }

        void stopWatching() throws InterruptedException {
            watcher.join(Duration.ofSeconds(70).toMillis());
            watcher.interrupt();
        }

        /**
         * The run survived the loss when it exited 0, the driver noticed the executor's loss, and
         * the trial task that was running there was lost with it and started again on the other
         * executor. The driver words the task's loss in one of two ways, depending on whether the
         * Master's "worker lost" or the executor's dropped connection reaches it first.
         */
        Check verdict(Stage run) {
            if (!"killed".equals(outcome.get())) return new Check(WORKER_KILL_SURVIVED, false, outcome.get());
            String driverLog = processes.byName("run").map(ManagedProcesses.Started::logText).orElse("");
            boolean lost = Pattern.compile("Lost executor " + executorId + " ").matcher(driverLog).find();
            boolean taskLost = driverLog.contains("(TID " + taskId + ") failed because while it was being computed, its executor exited")
                    || Pattern.compile("Lost task \\S+ in stage \\S+ \\(TID " + taskId + "\\)[^\\n]*ExecutorLostFailure").matcher(driverLog).find();
            Matcher again = Pattern.compile("Starting task \\S+ in stage " + stageId + "\\.\\d+ \\(TID (\\d+)\\) \\(\\S+, executor (\\S+),")
                    .matcher(driverLog);
            String retriedOn = null;
            while (again.find()) {
                if (!again.group(1).equals(taskId)) retriedOn = again.group(2);
            }
            boolean rescheduled = taskLost && retriedOn != null && !retriedOn.equals(executorId);
            boolean ok = run != null && run.exitCode() == 0 && lost && rescheduled && executorsExited && !executors.isEmpty();
            return new Check(WORKER_KILL_SURVIVED, ok, String.format(Locale.ROOT,
                    "worker-1 and its executor killed during the searches; driver %s executor %s; trial task %s (stage %s) %s; the executor process %s; run exit %s",
                    lost ? "logged the loss of" : "did NOT log the loss of", executorId, taskId, stageId,
                    rescheduled ? "was lost with it and ran again on executor " + retriedOn
                            : "was NOT seen lost and started again (lost: " + taskLost + ", started again on: " + retriedOn + ")",
                    executors.isEmpty() ? "was not found" : executorsExited ? "is gone" : "was still alive after 60 s",
                    run == null ? "-" : Integer.toString(run.exitCode())));
        }
    }

    // ---------------------------------------------------------------- checks

    private Check stagesExitZero() {
        List<String> bad = stages.stream().filter(s -> s.exitCode() != 0).map(s -> s.name() + "=" + s.exitCode()).toList();
        List<String> names = stages.stream().map(Stage::name).toList();
        boolean all = names.equals(List.of("generate-sample", "run", "sync-models", "monitor"));
        return new Check(STAGES_EXIT_ZERO, bad.isEmpty() && all, bad.isEmpty()
                ? names + (all ? "" : " (not every stage ran)") : "failed: " + bad);
    }

    /**
     * On the cluster every trial must have run in an executor JVM (the worker column names the
     * executor), and on both executors: two trials at once on two 1-core executors.
     */
    private Check trialsOnExecutors(HarnessSpark harness) {
        List<String> workers = harness.trialWorkers(WORK_ROOT + "/trials", RUN_ID);
        List<String> executors = workers.stream().map(w -> w == null ? "null" : w.replaceAll(" task \\d+$", "")).distinct().sorted().toList();
        String detail = workers.size() + " trials in " + WORK_ROOT + "/trials, on " + executors;
        if (!options.standalone()) return new Check(TRIALS_ON_EXECUTORS, !workers.isEmpty(), detail + " (local mode: the driver is the executor)");
        boolean ok = !workers.isEmpty() && executors.stream().allMatch(e -> e.startsWith("executor ") && !e.startsWith("executor driver"))
                && executors.size() >= 2;
        return new Check(TRIALS_ON_EXECUTORS, ok, detail);
    }

    private Check syncIdentical(HarnessSpark harness, Path hostDir) throws IOException {
        List<String> detail = new ArrayList<>();
        boolean ok = true;
        int pairs = 0;
        try (Stream<Path> files = Files.list(hostDir)) {
            for (Path sidecar : files.filter(f -> f.getFileName().toString().endsWith("_metadata.json")).sorted().toList()) {
                String stem = sidecar.getFileName().toString().replace("_metadata.json", "");
                String modelId = LiveTables.modelId(sidecar);
                String exported = WORK_ROOT + "/models/" + stem + "/" + modelId + "/";
                for (String name : List.of(stem + ".onnx", stem + "_metadata.json")) {
                    byte[] local = Files.readAllBytes(hostDir.resolve(name));
                    byte[] remote = harness.readAll(exported + name);
                    boolean same = java.util.Arrays.equals(local, remote);
                    ok &= same;
                    if (!same) detail.add(name + " differs from " + exported + name);
                }
                pairs++;
            }
        }
        ok &= pairs == 2;
        return new Check(SYNC_IDENTICAL, ok, detail.isEmpty() ? pairs + " pairs (onnx + sidecar) equal to the run's export under "
                + WORK_ROOT + "/models" : String.join("; ", detail));
    }

    /**
     * The tiny world scores about 400 validation signals per model, fewer than
     * monitor.min-matured-signals (500) in any window, so docs/monitoring.md's answer is
     * insufficient_data with exit 0; the report and a history row must be on s3a.
     */
    private Check monitorDecision(HarnessSpark harness, Stage monitor) {
        String report = harness.readText(WORK_ROOT + "/monitor/report.json");
        String decision;
        try {
            decision = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report).path("decision").asText();
        } catch (IOException e) {
            decision = "unreadable report: " + e.getMessage();
        }
        boolean insufficient = "insufficient_data".equals(decision);
        long history = harness.count(WORK_ROOT + "/monitor/history");
        boolean ok = monitor.exitCode() == 0 && insufficient && history >= 1;
        return new Check(MONITOR_DECISION, ok, "exit " + monitor.exitCode() + ", report " + WORK_ROOT + "/monitor/report.json says "
                + decision + ", " + history + " history row(s)");
    }

    /**
     * Each kind of artifact is where conf/cluster.conf puts it, and the cycle wrote nothing under
     * the default local work dir (target/alphaleak) of the checkout the commands ran in.
     */
    private Check everythingOnS3a(HarnessSpark harness, Instant cycleStart) throws IOException {
        List<String> expected = List.of("s3a://alphaleak-lake/tables/signals/_delta_log", "s3a://alphaleak-lake/tables/genesis_windows/_delta_log",
                WORK_ROOT + "/datasets/signal/_manifest.json", WORK_ROOT + "/datasets/genesis/_manifest.json",
                WORK_ROOT + "/trials/_delta_log", WORK_ROOT + "/models/reach_2x_1h", WORK_ROOT + "/models/genesis_reach_2x_1h",
                PUBLISHED_ROOT + "/reach_2x_1h/CURRENT.json", PUBLISHED_ROOT + "/genesis_reach_2x_1h/CURRENT.json",
                WORK_ROOT + "/live/scored_signals/_delta_log", WORK_ROOT + "/monitor/report.json", WORK_ROOT + "/monitor/history/_delta_log");
        List<String> missing = expected.stream().filter(u -> !harness.exists(u)).toList();
        List<String> local = new ArrayList<>();
        Path localWork = root.resolve("target/alphaleak");
        if (Files.isDirectory(localWork)) {
            try (Stream<Path> files = Files.walk(localWork)) {
                files.filter(Files::isRegularFile).filter(f -> {
                    try {
                        return Files.getLastModifiedTime(f).toInstant().isAfter(cycleStart);
                    } catch (IOException e) {
                        return false;
                    }
                }).limit(5).forEach(f -> local.add(root.relativize(f).toString()));
            }
        }
        boolean ok = missing.isEmpty() && local.isEmpty();
        return new Check(EVERYTHING_ON_S3A, ok, ok ? expected.size() + " kinds of artifact found under s3a://alphaleak-{lake,training,models}, "
                + "nothing new under target/alphaleak" : "missing " + missing + (local.isEmpty() ? "" : "; written locally: " + local));
    }

    private Path nodeTmp(int worker) {
        return work.resolve("worker-" + worker + "-tmp");
    }

    /**
     * SynapseML extracts LightGBM's native libraries into a new {@code mml-natives*} directory
     * on every load and leaves the removal to exit hooks, which the executors (killed by their
     * worker at the application's end, or with it) never run; the trials delete their copies once
     * loaded.
     */
    private Check noNativeCopiesLeft() throws IOException {
        List<String> left = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            try (Stream<Path> files = Files.list(nodeTmp(i))) {
                files.filter(f -> f.getFileName().toString().startsWith("mml-natives")).forEach(f -> left.add(work.relativize(f).toString()));
            }
        }
        return new Check(NO_NATIVE_COPIES_LEFT, left.isEmpty(), left.isEmpty()
                ? "no mml-natives* directory in either node's temporary directory after the run" : "left behind: " + left);
    }

    private Check noSecretInLogs() {
        List<String> leaking = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("s3")))
                    .filter(f -> !f.getFileName().toString().equals("s3proxy.properties")).toList()) {
                if (Files.size(f) > 50_000_000) continue; // jars fetched by executors
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(keys.secretKey())) leaking.add(work.relativize(f).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Check(NO_SECRET_IN_LOGS, leaking.isEmpty(), leaking.isEmpty()
                ? "the S3 secret key appears in no log or work file" : "the S3 secret key is in " + leaking);
    }

    // ---------------------------------------------------------------- helpers

    void log(String line) {
        out.printf(Locale.ROOT, "[cluster-smoke %s] %s%n", human(Duration.between(started, Instant.now())), scrub(line));
        out.flush();
    }

    private String scrub(String s) {
        return s.replace(keys.secretKey(), "****");
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s"
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static List<String> tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort; reported by the caller's temp-dir hygiene, not a test failure
                }
            });
        } catch (IOException e) {
            // ditto
        }
    }
}
