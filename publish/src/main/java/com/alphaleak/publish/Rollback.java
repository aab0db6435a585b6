package com.alphaleak.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Points a target back at an earlier complete version: the one given, or else the pointer's
 * {@code previous_model_id} (so a second rollback without a version undoes the first). Not gated:
 * rollback is the operator's override. The version's files are read back and checked against its
 * manifest before the pointer moves; a damaged version is refused ({@link CorruptObjectException}).
 * The pointer write is the same single atomic write as a promotion, under the same publish lock
 * ({@link TargetLock}), and an event is appended.
 */
public final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    /** @param changed false when the pointer already named the requested version */
    public record Result(String target, String fromModelId, String toModelId, boolean changed, Pointer pointer) {}

    private final ModelStore store;
    private final Clock clock;

    public Rollback(ModelStore store) {
        this(store, Clock.systemUTC());
    }

    public Rollback(ModelStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param toModelId the version to serve, or null for the current pointer's previous version
     * @param reason    recorded in the pointer and the event log (may be null)
     * @throws NoSuchVersionException when there is no pointer, no previous version, or the
     *                                version is absent or incomplete
     * @throws CorruptObjectException  when the version's files do not match its manifest
     */
    public Result rollback(String target, String toModelId, String reason) throws IOException {
        requested("target", target);
        try (TargetLock lock = TargetLock.acquire(store.storage(), target, "rollback " + ModelPublisher.defaultOwner(),
                clock, TargetLock.DEFAULT_TTL, TargetLock.DEFAULT_TTL.plusSeconds(30))) {
            return rollbackLocked(target, toModelId, reason);
        }
    }

    private Result rollbackLocked(String target, String toModelId, String reason) throws IOException {
        Pointer current = store.current(target).orElseThrow(() -> new NoSuchVersionException(
                "no current model for " + target + " under " + store.describe() + "; nothing to roll back"));
        String to = toModelId;
        if (to == null) {
            to = current.previousModelId();
            if (to == null) {
                throw new NoSuchVersionException(target + ": the current model " + current.modelId()
                        + " has no previous version; give --to VERSION");
            }
        }
        requested("model_id", to);
        if (to.equals(current.modelId())) {
            return new Result(target, current.modelId(), to, false, current);
        }
        VersionManifest m = store.verifiedVersion(target, to);
        VersionManifest.FileEntry onnx = m.files().get(ModelStore.onnxName(target));
        VersionManifest.FileEntry sidecar = m.files().get(ModelStore.sidecarName(target));
        if (onnx == null || sidecar == null) {
            throw new CorruptObjectException("version " + to + " of " + target + " lacks its model or sidecar");
        }
        String why = "rollback from " + current.modelId() + " to " + to + (reason == null || reason.isBlank() ? "" : ": " + reason);
        Pointer pointer = new Pointer(Pointer.FORMAT_VERSION, target, to, onnx.sha256(), sidecar.sha256(), onnx.bytes(),
                clock.instant().toString(), current.modelId(), Pointer.ACTION_ROLLBACK, why);
        // Last moment check: do not silently undo a promotion that happened while we verified.
        Optional<Pointer> again = store.current(target);
        if (again.isEmpty() || !again.get().modelId().equals(current.modelId())) {
            throw new IOException(target + ": the current model changed to " + again.map(Pointer::modelId).orElse(null)
                    + " during the rollback; nothing was changed, run it again");
        }
        store.writePointer(pointer);
        LOG.info("{}: {}", target, why);
        try {
            store.appendEvent(new PublishEvent(pointer.promotedAt(), target, to, Pointer.ACTION_ROLLBACK,
                    current.modelId(), why, null));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not append the rollback event ({}); the pointer is unaffected", target, e.toString());
        }
        return new Result(target, current.modelId(), to, true, pointer);
    }

    /** A name the operator typed: one that cannot be stored names no version (a usage error, not a bug). */
    private static void requested(String what, String value) {
        try {
            ModelStore.checkName(what, value);
        } catch (IllegalArgumentException e) {
            throw new NoSuchVersionException(e.getMessage());
        }
    }
}
