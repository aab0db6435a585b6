package com.alphaleak.publish;

import com.alphaleak.ExitCodes;
import com.alphaleak.model.ModelSidecar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code sync-models}: materialises the current version of each target into a local folder in the
 * flat layout the inference hosts hot-reload, {@code <target>.onnx} + {@code <target>_metadata.json}.
 *
 * <p>Per target: read {@code CURRENT.json}; if the local pair already has the pointer's checksums,
 * do nothing. Otherwise download both files to hidden temporary files in the same folder, check
 * their SHA-256 against the pointer and check that the sidecar names this model ({@code model_id},
 * {@code onnx.sha256}); only then move the sidecar into place and then the model, each with an
 * atomic rename. Any mismatch ({@link Outcome.Status#REFUSED}) or error ({@link Outcome.Status#FAILED})
 * leaves the previous pair untouched.
 *
 * <p>The two renames are separate: a host that (re)loads exactly between them, or a sync killed
 * between them, sees the new sidecar with the old model. Hosts must check
 * {@code sha256(<target>.onnx) == sidecar.onnx.sha256} on load (and retry shortly if not); the next
 * sync run repairs the pair. The model is renamed last because hosts watch the {@code .onnx} file.
 *
 * <p>Runs in one folder are serialised by a lock file ({@code .sync-models.lock}); a run that
 * cannot take it does nothing and reports {@link Report#busy()}.
 */
public final class ModelSync {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSync.class);
    static final String LOCK = ".sync-models.lock";
    static final String PART = ".part";

    /** What happened to one target. */
    public record Outcome(String target, Status status, String modelId, String message) {
        public enum Status {
            /** The local pair now is the current version. */
            UPDATED,
            /** The local pair already was the current version. */
            UNCHANGED,
            /** The store holds a corrupt or inconsistent object; the local pair was kept. */
            REFUSED,
            /** An error (store unreachable, disk full); the local pair was kept. */
            FAILED,
            /** A requested target has no pointer; nothing local changed. */
            MISSING
        }
    }

    /**
     * @param busy           another run held the destination folder; nothing was done
     * @param nothingPublished no target was asked for and the store has no {@code <target>/CURRENT.json}
     *                         at all (a wrong {@code --root}, or nothing published yet)
     */
    public record Report(List<Outcome> outcomes, boolean busy, boolean nothingPublished, String store) {
        public boolean anyRefused() {
            return outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.REFUSED);
        }

        public boolean anyFailed() {
            return outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.FAILED
                    || o.status() == Outcome.Status.MISSING);
        }

        /**
         * The process exit code of a sync run: a refused (corrupt) object wins over a failure because
         * it needs an operator (roll back or republish), while a failure (store unreachable, a target
         * without a pointer) may pass on the next run. A busy folder is not an error: the other run syncs.
         */
        public int exitCode() {
            if (nothingPublished) return ExitCodes.USAGE; // most often a mistyped --root: never a silent success
            return anyRefused() ? ExitCodes.STORE_INTEGRITY : anyFailed() ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        /** One line per target (target, status, message), and a note when another run held the folder. */
        public String describe(Path dest) {
            StringBuilder sb = new StringBuilder();
            if (busy) {
                sb.append(String.format("sync-models: another run is syncing %s; nothing done%n", dest));
            }
            if (nothingPublished) {
                sb.append(String.format("sync-models: no published model under %s (no <target>/CURRENT.json); nothing synced "
                        + "to %s. Check --root (exit %d).%n", store, dest, ExitCodes.USAGE));
            }
            for (Outcome o : outcomes) {
                sb.append(String.format("%-24s %-9s %s%n", o.target(), o.status(), o.message()));
            }
            return sb.toString();
        }
    }

    private final ModelStore store;
    private final Path dest;
    private List<String> targets = List.of();
    private Consumer<String> stepHook = step -> {};

    public ModelSync(ModelStore store, Path dest) {
        this.store = store;
        this.dest = dest;
    }

    /** Only these targets (default: every target that has a pointer). */
    public ModelSync targets(List<String> targets) {
        this.targets = List.copyOf(targets);
        return this;
    }

    /** Test hook: called with a step name ({@code verified}, {@code sidecar-in-place}) before the next step. */
    ModelSync stepHook(Consumer<String> hook) {
        this.stepHook = hook;
        return this;
    }

    public Report run() throws IOException {
        Files.createDirectories(dest);
        try (FileChannel ch = FileChannel.open(dest.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                LOG.info("another sync-models run holds {}; nothing done", dest.resolve(LOCK));
                return new Report(List.of(), true, false, store.describe());
            }
            try {
                removeStaleParts();
                List<String> wanted = targets.isEmpty() ? store.targets() : targets;
                if (wanted.isEmpty()) {
                    LOG.warn("no published model under {}: nothing to sync", store.describe());
                    return new Report(List.of(), false, true, store.describe());
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (String t : wanted) {
                    outcomes.add(syncOne(t));
                }
                return new Report(outcomes, false, false, store.describe());
            } finally {
                lock.release();
            }
        }
    }

    private void removeStaleParts() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dest, ".*" + PART)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Outcome syncOne(String target) {
        Path onnxTmp = null;
        Path sidecarTmp = null;
        try {
            ModelStore.checkName("target", target);
            Optional<Pointer> current = store.current(target);
            if (current.isEmpty()) {
                return new Outcome(target, Outcome.Status.MISSING, null, "no CURRENT.json under " + store.describe());
            }
            Pointer p = current.get();
            Path onnxFinal = dest.resolve(ModelStore.onnxName(target));
            Path sidecarFinal = dest.resolve(ModelStore.sidecarName(target));
            if (p.onnxSha256().equals(localSha(onnxFinal)) && p.sidecarSha256().equals(localSha(sidecarFinal))) {
                return new Outcome(target, Outcome.Status.UNCHANGED, p.modelId(), "up to date");
            }
            // Download the sidecar and check it before the (larger) model.
            String sidecarKey = ModelStore.versionKey(target, p.modelId(), ModelStore.sidecarName(target));
            byte[] sidecarBytes = store.storage().read(sidecarKey).orElseThrow(() ->
                    new CorruptObjectException(store.describe() + "/" + sidecarKey + " is missing"));
            String sidecarSha = Sha256.of(sidecarBytes);
            if (!sidecarSha.equals(p.sidecarSha256())) {
                throw new CorruptObjectException(sidecarKey + " has SHA-256 " + sidecarSha + ", the pointer says "
                        + p.sidecarSha256());
            }
            ModelSidecar sidecar;
            try {
                sidecar = ModelSidecar.fromJson(new String(sidecarBytes, StandardCharsets.UTF_8));
            } catch (UncheckedIOException e) {
                throw new CorruptObjectException(sidecarKey + " is not a readable sidecar");
            }
            if (!p.modelId().equals(sidecar.modelId()) || sidecar.onnx() == null
                    || !p.onnxSha256().equals(sidecar.onnx().sha256())) {
                throw new CorruptObjectException(sidecarKey + " does not describe model " + p.modelId()
                        + " with SHA-256 " + p.onnxSha256());
            }
            String tag = "." + UUID.randomUUID().toString().substring(0, 8);
            onnxTmp = dest.resolve("." + ModelStore.onnxName(target) + tag + PART);
            sidecarTmp = dest.resolve("." + ModelStore.sidecarName(target) + tag + PART);
            String onnxKey = ModelStore.versionKey(target, p.modelId(), ModelStore.onnxName(target));
            Sha256.Copied copied;
            try (InputStream in = store.storage().open(onnxKey);
                 OutputStream out = Files.newOutputStream(onnxTmp, StandardOpenOption.CREATE_NEW)) {
                copied = Sha256.copy(in, out);
            } catch (java.io.FileNotFoundException e) {
                throw new CorruptObjectException(store.describe() + "/" + onnxKey + " is missing");
            }
            if (!copied.sha256().equals(p.onnxSha256())) {
                throw new CorruptObjectException(onnxKey + " has SHA-256 " + copied.sha256() + ", the pointer says "
                        + p.onnxSha256());
            }
            force(onnxTmp);
            Files.write(sidecarTmp, sidecarBytes, StandardOpenOption.CREATE_NEW);
            force(sidecarTmp);
            stepHook.accept("verified");
            Files.move(sidecarTmp, sidecarFinal, StandardCopyOption.ATOMIC_MOVE);
            stepHook.accept("sidecar-in-place");
            Files.move(onnxTmp, onnxFinal, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{}: now {} ({} bytes, sha256 {})", target, p.modelId(), copied.bytes(), p.onnxSha256());
            return new Outcome(target, Outcome.Status.UPDATED, p.modelId(), "now " + p.modelId());
        } catch (CorruptObjectException e) {
            LOG.error("{}: refused, the local model stays: {}", target, e.getMessage());
            return new Outcome(target, Outcome.Status.REFUSED, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: failed, the local model stays: {}", target, e.toString());
            return new Outcome(target, Outcome.Status.FAILED, null, e.toString());
        } finally {
            deleteQuietly(onnxTmp);
            deleteQuietly(sidecarTmp);
        }
    }

    private static String localSha(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover .part file is removed by the next run
            }
        }
    }
}
