package com.alphaleak.clusterit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster jar on a real Spark standalone cluster with every path on s3a (see
 * {@link ClusterSmoke}, which bin/cluster-smoke runs too). The cycle runs once, before the
 * checks; each test asserts one behaviour of it. Keep the work directory (logs, S3 objects)
 * with {@code -Dcluster.smoke.keep=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSmokeTest {
    private ClusterSmoke.Result result;

    @BeforeAll
    void runTheCycleOnTheCluster() throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        ClusterSmoke.Options d = ClusterSmoke.Options.defaults(root);
        result = ClusterSmoke.run(new ClusterSmoke.Options(d.projectRoot(), d.master(), d.killWorker(),
                Boolean.getBoolean("cluster.smoke.keep"), Path.of(System.getProperty("basedir", ".")).resolve("target")), System.out);
    }

    private void assertCheck(String name) {
        ClusterSmoke.Check c = result.check(name);
        assertTrue(c.ok(), c.name() + ": " + c.detail() + " (work dir " + result.workDir() + ")");
    }

    @Test
    void generateSampleRunSyncAndMonitorEachExitZeroWithEveryPathOnS3a() {
        assertCheck(ClusterSmoke.STAGES_EXIT_ZERO);
    }

    @Test
    void trialsRunInExecutorProcessesNotInTheDriver() {
        assertCheck(ClusterSmoke.TRIALS_ON_EXECUTORS);
    }

    @Test
    void runCompletesWhenAWorkerNodeIsKilledDuringTheSearchAndItsTrialRunsAgainElsewhere() {
        assertCheck(ClusterSmoke.WORKER_KILL_SURVIVED);
    }

    @Test
    void hostSyncThroughTheLauncherGivesByteIdenticalCopiesOfTheExportedPair() {
        assertCheck(ClusterSmoke.SYNC_IDENTICAL);
    }

    @Test
    void monitorReportsInsufficientDataForTheTinyWorldAndWritesReportAndHistoryToS3a() {
        assertCheck(ClusterSmoke.MONITOR_DECISION);
    }

    @Test
    void everyArtifactLandsInTheObjectStoreAndNothingOnLocalDisk() {
        assertCheck(ClusterSmoke.EVERYTHING_ON_S3A);
    }

    @Test
    void theS3SecretKeyAppearsInNoLog() {
        assertCheck(ClusterSmoke.NO_SECRET_IN_LOGS);
    }

    @Test
    void executorsLeaveNoExtractedNativeLibraryInTheirTemporaryDirectory() {
        assertCheck(ClusterSmoke.NO_NATIVE_COPIES_LEFT);
    }

    @Test
    void everyProcessTheHarnessStartedIsStoppedByPid() {
        assertCheck(ClusterSmoke.ALL_STOPPED);
    }
}
