package com.alphaleak.publish;

import com.alphaleak.model.ModelArtifact;
import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Publishes one model version of one target: writes it once under its immutable version prefix,
 * asks the {@link ChampionGate}, and, if the gate (or {@code force}) allows, points the target's
 * {@code CURRENT.json} at it. The steps, in order:
 * <ol>
 *   <li>check the inputs: the sidecar's {@code onnx.sha256} and {@code bytes} match the model file,
 *       {@code model_id} and {@code target} are file-name safe;</li>
 *   <li>write {@code <target>.onnx}, {@code <target>_metadata.json} and the report files under
 *       {@code <target>/versions/<model_id>/} with create-if-absent. A complete version (one with
 *       {@code _COMPLETE}) with the same bytes is reused, and so are objects an interrupted attempt
 *       left with the same bytes; anything with different bytes is refused
 *       ({@link VersionConflictException}): objects under a version prefix are never overwritten;</li>
 *   <li>read every file back and check its SHA-256;</li>
 *   <li>write {@code _COMPLETE} (the manifest of names, checksums and sizes);</li>
 *   <li>take the target's publish lock, then gate against the current model; a refused candidate
 *       stays stored, not promoted, and the reason goes to the result and the target's event log;</li>
 *   <li>re-read the pointer; if another publisher moved it meanwhile, gate again against the new
 *       current model;</li>
 *   <li>write the pointer: one atomic write of a small object (a single PUT on S3) naming the version
 *       and both checksums;</li>
 *   <li>append an event (best effort: a failure here is reported as a warning, the promotion stands),
 *       release the lock.</li>
 * </ol>
 * A reader that follows the pointer therefore sees the old complete model until step 7 and the new
 * complete model after it, whatever step the publisher dies in.
 *
 * <p><b>Two publishers at once.</b> Each writes its own immutable version (steps 2-4, unlocked),
 * so versions never mix. Steps 5-8 run under the target's publish lock ({@link TargetLock}, claim
 * objects; no conditional PUT needed), so they are serialised: the second publisher gates against
 * whatever the first one promoted. A caller-supplied evaluation ({@link ChampionGate.GateInput})
 * made against a model that is no longer current is refused ({@link Status#STORED_NOT_PROMOTED},
 * reason "current model changed"); with sidecar metrics the second candidate is gated against the
 * first. The pointer always names a complete, verified version. If a publisher dies holding the
 * lock, its claim expires after the lock ttl (default 2 minutes). As a second line of defence the
 * pointer is re-read just before the write and the gate repeated if it moved.
 */
public final class ModelPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ModelPublisher.class);
    private static final int MAX_RECHECKS = 5;

    public enum Status {
        /** The pointer now names this version. */
        PROMOTED,
        /** The version is stored (and complete) but the gate refused it; the pointer did not move. */
        STORED_NOT_PROMOTED,
        /** The pointer already named this exact version; nothing changed. */
        ALREADY_PUBLISHED
    }

    /**
     * @param previousModelId the version current before this publish (null if none)
     * @param decision        the gate's decision (null for {@link Status#ALREADY_PUBLISHED})
     * @param pointer         the pointer after this publish (null if there is none)
     * @param warning         a non-fatal problem (the event log write failed), else null
     */
    public record Result(Status status, String target, String modelId, String previousModelId, String reason,
                         ChampionGate.Decision decision, Pointer pointer, String warning) {
        public boolean promoted() {
            return status == Status.PROMOTED;
        }
    }

    public static Builder to(ModelStore store) {
        return new Builder(store);
    }

    /** Fluent set-up of one publish; {@link #execute()} runs it. */
    public static final class Builder {
        private final ModelStore store;
        private byte[] onnxBytes;
        private byte[] sidecarBytes;
        private final Map<String, byte[]> reportFiles = new TreeMap<>();
        private ChampionGate.GateInput evaluation;
        private ChampionGate gate = new ChampionGate();
        private boolean force;
        private String forceReason;
        private Clock clock = Clock.systemUTC();
        private Duration lockTtl = TargetLock.DEFAULT_TTL;
        private Duration lockWait = TargetLock.DEFAULT_TTL.plusSeconds(30);
        private String owner = defaultOwner();

        private Builder(ModelStore store) {
            this.store = Objects.requireNonNull(store);
        }

        /**
         * An exported model exactly as export produced it: its ONNX bytes, sidecar bytes and report
         * files. Nothing is read back from storage.
         */
        public Builder artifact(ModelArtifact artifact) {
            this.onnxBytes = artifact.onnx().bytes();
            this.sidecarBytes = artifact.sidecarFile().bytes();
            reportFiles.putAll(artifact.reportBytes());
            return this;
        }

        public Builder onnx(byte[] bytes) {
            this.onnxBytes = bytes.clone();
            return this;
        }

        public Builder sidecar(ModelSidecar sidecar) {
            this.sidecarBytes = sidecar.toJson().getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The sidecar exactly as exported (its bytes are what hosts receive). */
        public Builder sidecarBytes(byte[] bytes) {
            this.sidecarBytes = bytes.clone();
            return this;
        }

        public Builder reportFile(String relativeName, byte[] bytes) {
            reportFiles.put(relativeName, bytes.clone());
            return this;
        }

        /**
         * Candidate and champion measured on the newest validation window. Without it the gate
         * falls back to the metrics recorded in both sidecars (each on its own window), and says so.
         */
        public Builder evaluation(ChampionGate.GateInput evaluation) {
            this.evaluation = evaluation;
            return this;
        }

        public Builder tolerances(ChampionGate.Tolerances tolerances) {
            this.gate = new ChampionGate(tolerances);
            return this;
        }

        /** Promote even if the gate refuses (the gate's verdict is still recorded). */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        public Builder force(boolean force, String reason) {
            this.force = force;
            this.forceReason = reason;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How long this publisher's lock claim stays valid if it dies holding it, and how long it
         * waits for another publisher's lock (default 2 minutes and 2.5 minutes).
         */
        public Builder lock(Duration ttl, Duration maxWait) {
            this.lockTtl = ttl;
            this.lockWait = maxWait;
            return this;
        }

        /** Who is publishing, for the lock claim and messages (default: user@host/pid). */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Result execute() throws IOException {
            byte[] model = Objects.requireNonNull(onnxBytes, "onnx");
            Objects.requireNonNull(sidecarBytes, "sidecar");
            return new ModelPublisher(this, model, new TreeMap<>(reportFiles)).run();
        }
    }

    private final Builder b;
    private final ModelStore store;
    private final ObjectStorage storage;
    private final byte[] model;
    private final Map<String, byte[]> report;

    private ModelPublisher(Builder b, byte[] model, Map<String, byte[]> report) {
        this.b = b;
        this.store = b.store;
        this.storage = b.store.storage();
        this.model = model;
        this.report = report;
    }

    private Result run() throws IOException {
        ModelSidecar sidecar = ModelSidecar.fromJson(new String(b.sidecarBytes, StandardCharsets.UTF_8));
        String target = ModelStore.checkName("target", sidecar.stem());
        String modelId = ModelStore.checkName("model_id", sidecar.modelId());
        String onnxSha = Sha256.of(model);
        String sidecarSha = Sha256.of(b.sidecarBytes);
        checkInputs(sidecar, onnxSha);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelStore.onnxName(target), model);
        files.put(ModelStore.sidecarName(target), b.sidecarBytes);
        report.forEach((name, bytes) -> files.put(ModelStore.REPORT + "/" + checkReportName(name), bytes));
        Map<String, VersionManifest.FileEntry> entries = new TreeMap<>();
        files.forEach((name, bytes) -> entries.put(name, new VersionManifest.FileEntry(Sha256.of(bytes), bytes.length)));
        VersionManifest manifest = new VersionManifest(VersionManifest.FORMAT_VERSION, target, modelId, entries,
                b.clock.instant().toString());

        storeVersion(target, modelId, files, manifest);
        return promote(target, modelId, sidecar, onnxSha, sidecarSha);
    }

    private void checkInputs(ModelSidecar sidecar, String onnxSha) {
        if (sidecar.schemaVersion() > ModelSidecar.SCHEMA_VERSION) {
            throw new IllegalArgumentException("sidecar schema_version " + sidecar.schemaVersion()
                    + " is newer than this publisher understands (" + ModelSidecar.SCHEMA_VERSION + ")");
        }
        if (sidecar.onnx() == null || !onnxSha.equals(sidecar.onnx().sha256())) {
            throw new IllegalArgumentException("the sidecar of " + sidecar.modelId() + " names onnx.sha256 "
                    + (sidecar.onnx() == null ? null : sidecar.onnx().sha256()) + " but the model file's SHA-256 is "
                    + onnxSha + ": model and sidecar do not belong together");
        }
        if (sidecar.onnx().bytes() != model.length) {
            throw new IllegalArgumentException("the sidecar names onnx.bytes " + sidecar.onnx().bytes()
                    + " but the model file has " + model.length);
        }
    }

    private static String checkReportName(String name) {
        for (String part : name.split("/", -1)) {
            if (!ModelStore.NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("report file name is not file-name safe: " + name);
            }
        }
        return name;
    }

    /** Steps 2-4: the immutable version, verified, then its manifest. */
    private void storeVersion(String target, String modelId, Map<String, byte[]> files, VersionManifest manifest)
            throws IOException {
        Optional<VersionManifest> existing = store.manifest(target, modelId);
        if (existing.isPresent()) {
            if (!existing.get().sameContent(manifest)) {
                throw conflict(target, modelId);
            }
            LOG.info("{} {}: version already stored and complete; not rewritten", target, modelId);
            return;
        }
        for (var f : files.entrySet()) {
            writeOnce(ModelStore.versionKey(target, modelId, f.getKey()), f.getValue());
        }
        for (var f : files.entrySet()) {
            String key = ModelStore.versionKey(target, modelId, f.getKey());
            String expected = manifest.files().get(f.getKey()).sha256();
            String actual;
            try (InputStream in = storage.open(key)) {
                actual = Sha256.of(in);
            }
            if (!expected.equals(actual)) {
                throw new CorruptObjectException("read-back of " + storage.describe() + "/" + key + " has SHA-256 "
                        + actual + ", wrote " + expected + "; not completing version " + modelId);
            }
        }
        String completeKey = ModelStore.versionKey(target, modelId, ModelStore.COMPLETE);
        try {
            storage.createNew(completeKey, Json.bytes(manifest));
        } catch (FileAlreadyExistsException raced) {
            // Another publisher of the very same model_id finished first: fine if the bytes agree.
            if (!store.manifest(target, modelId).map(m -> m.sameContent(manifest)).orElse(false)) {
                throw conflict(target, modelId);
            }
        }
        LOG.info("{} {}: stored {} files under {}/{}", target, modelId, files.size(), storage.describe(),
                ModelStore.versionPrefix(target, modelId));
    }

    /**
     * Create-if-absent. An object left by an interrupted publish of the same version is reused when
     * it holds the same bytes (a retry); with other bytes the publish is refused: objects under a
     * version prefix are never overwritten or deleted.
     */
    private void writeOnce(String key, byte[] bytes) throws IOException {
        String sha = Sha256.of(bytes);
        Optional<byte[]> old = storage.read(key);
        if (old.isEmpty()) {
            try {
                storage.createNew(key, bytes);
                return;
            } catch (FileAlreadyExistsException raced) {
                old = storage.read(key);
            }
        }
        if (old.isEmpty() || !Sha256.of(old.get()).equals(sha)) {
            throw new VersionConflictException(storage.describe() + "/" + key + " already exists with other bytes"
                    + " (another publisher of the same model_id, or an earlier attempt with different content);"
                    + " versions are write-once, publish under a new model_id");
        }
    }

    private VersionConflictException conflict(String target, String modelId) {
        return new VersionConflictException("version " + modelId + " of " + target + " already exists under "
                + storage.describe() + " with different content; published versions are immutable, use a new model_id");
    }

    /** Steps 5-8, holding the target's publish lock. */
    private Result promote(String target, String modelId, ModelSidecar sidecar, String onnxSha, String sidecarSha)
            throws IOException {
        try (TargetLock lock = TargetLock.acquire(storage, target, b.owner, b.clock, b.lockTtl, b.lockWait)) {
            return promoteLocked(target, modelId, sidecar, onnxSha, sidecarSha);
        }
    }

    private Result promoteLocked(String target, String modelId, ModelSidecar sidecar, String onnxSha, String sidecarSha)
            throws IOException {
        Optional<Pointer> champion = store.current(target);
        ChampionGate.Decision decision;
        for (int attempt = 0; ; attempt++) {
            String championId = champion.map(Pointer::modelId).orElse(null);
            if (modelId.equals(championId)) {
                if (!champion.get().onnxSha256().equals(onnxSha) || !champion.get().sidecarSha256().equals(sidecarSha)) {
                    throw conflict(target, modelId);
                }
                LOG.info("{} {}: already the current version", target, modelId);
                return new Result(Status.ALREADY_PUBLISHED, target, modelId, champion.get().previousModelId(),
                        "already the current version", null, champion.get(), null);
            }
            decision = decide(target, sidecar, championId);
            if (!decision.promote() && !b.force) {
                String warning = event(new PublishEvent(now(), target, modelId, "rejected", championId,
                        decision.reason(), decision));
                LOG.warn("{} {}: stored, not promoted: {}", target, modelId, decision.reason());
                return new Result(Status.STORED_NOT_PROMOTED, target, modelId, championId, decision.reason(), decision,
                        champion.orElse(null), warning);
            }
            Optional<Pointer> again = store.current(target);
            if (Objects.equals(again.map(Pointer::modelId).orElse(null), championId)) {
                break;
            }
            LOG.info("{} {}: current model changed from {} to {} while publishing; gating again", target, modelId,
                    championId, again.map(Pointer::modelId).orElse(null));
            if (attempt >= MAX_RECHECKS) {
                throw new IOException("the pointer of " + target + " keeps changing; gave up after "
                        + MAX_RECHECKS + " re-checks (version " + modelId + " is stored, not promoted)");
            }
            champion = again;
        }
        String previous = champion.map(Pointer::modelId).orElse(null);
        boolean forced = !decision.promote();
        String reason = forced
                ? "forced" + (b.forceReason == null ? "" : " (" + b.forceReason + ")") + "; gate would refuse: " + decision.reason()
                : decision.reason();
        String action = forced ? Pointer.ACTION_FORCE : Pointer.ACTION_PROMOTE;
        Pointer pointer = new Pointer(Pointer.FORMAT_VERSION, target, modelId, onnxSha, sidecarSha, model.length, now(),
                previous, action, reason);
        store.writePointer(pointer);
        LOG.info("{} {}: promoted (previous {}): {}", target, modelId, previous, reason);
        String warning = event(new PublishEvent(pointer.promotedAt(), target, modelId, action, previous, reason, decision));
        return new Result(Status.PROMOTED, target, modelId, previous, reason, decision, pointer, warning);
    }

    private ChampionGate.Decision decide(String target, ModelSidecar candidate, String championId) throws IOException {
        ChampionGate gate = b.gate;
        ChampionGate.GateInput in = b.evaluation;
        if (in != null) {
            if (!Objects.equals(in.championModelId(), championId)) {
                return new ChampionGate.Decision(false, "current model changed: the evaluation compared against "
                        + in.championModelId() + " but the current model is " + championId + "; evaluate again",
                        in, gate.tolerances());
            }
            return gate.decide(in);
        }
        return gate.decide(fromSidecars(target, candidate, championId));
    }

    private ChampionGate.GateInput fromSidecars(String target, ModelSidecar candidate, String championId)
            throws IOException {
        ChampionGate.Metrics c = metrics(candidate);
        long rows = candidate.training() != null && candidate.training().validation() != null
                ? candidate.training().validation().rows() : 0;
        String window = candidate.training() != null && candidate.training().validation() != null
                ? candidate.training().validation().from() + ".." + candidate.training().validation().to() : null;
        ChampionGate.Metrics champion = championId == null ? null : metrics(store.sidecar(target, championId));
        return new ChampionGate.GateInput(c, championId, champion, rows, window, ChampionGate.GateInput.BASIS_SIDECARS);
    }

    private static ChampionGate.Metrics metrics(ModelSidecar s) {
        double prAuc = s.metrics() == null ? Double.NaN : s.metrics().prAucCalibrated();
        double ece = s.calibration() == null || s.calibration().after() == null ? Double.NaN
                : s.calibration().after().eceFixed();
        return new ChampionGate.Metrics(prAuc, ece);
    }

    private String event(PublishEvent e) {
        try {
            store.appendEvent(e);
            return null;
        } catch (IOException | RuntimeException ex) {
            LOG.warn("{} {}: could not append the event log entry ({}); the pointer is unaffected", e.target(),
                    e.modelId(), ex.toString());
            return "event log not written: " + ex.getClass().getSimpleName();
        }
    }

    private String now() {
        return b.clock.instant().toString();
    }

    static String defaultOwner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host + "/" + ProcessHandle.current().pid();
    }

}
