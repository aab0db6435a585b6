package com.alphaleak.publish;

import com.alphaleak.model.ModelSidecar;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The published-models layout on an {@link ObjectStorage} root:
 * <pre>
 * &lt;root&gt;/&lt;target&gt;/CURRENT.json                              pointer ({@link Pointer}), replaced atomically
 * &lt;root&gt;/&lt;target&gt;/versions/&lt;model_id&gt;/&lt;target&gt;.onnx           immutable, written once
 * &lt;root&gt;/&lt;target&gt;/versions/&lt;model_id&gt;/&lt;target&gt;_metadata.json  immutable sidecar
 * &lt;root&gt;/&lt;target&gt;/versions/&lt;model_id&gt;/report/...              immutable, optional
 * &lt;root&gt;/&lt;target&gt;/versions/&lt;model_id&gt;/_COMPLETE               manifest ({@link VersionManifest}), written after the files
 * &lt;root&gt;/&lt;target&gt;/events/&lt;time&gt;-&lt;action&gt;-&lt;model_id&gt;-&lt;n&gt;.json  audit log ({@link PublishEvent})
 * </pre>
 * Reads and layout only; the protocols live in {@link ModelPublisher}, {@link ModelSync} and
 * {@link Rollback}.
 */
public final class ModelStore implements AutoCloseable {

    public static final String POINTER = "CURRENT.json";
    public static final String COMPLETE = "_COMPLETE";
    public static final String VERSIONS = "versions";
    public static final String EVENTS = "events";
    public static final String REPORT = "report";
    /** File-name safe, as {@link ModelSidecar#MODEL_ID}. */
    public static final Pattern NAME = ModelSidecar.MODEL_ID;

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectStorage storage;

    public ModelStore(ObjectStorage storage) {
        this.storage = storage;
    }

    /** A store on a Hadoop file system root ({@code s3a://bucket/prefix} or a local directory). */
    public static ModelStore open(String root, Configuration conf) throws IOException {
        return new ModelStore(new HadoopObjectStorage(root, conf));
    }

    public ObjectStorage storage() {
        return storage;
    }

    public String describe() {
        return storage.describe();
    }

    static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not a file-name safe id: " + value);
        }
        return value;
    }

    public static String onnxName(String target) {
        return target + ".onnx";
    }

    public static String sidecarName(String target) {
        return ModelSidecar.fileName(target);
    }

    public static String pointerKey(String target) {
        return checkName("target", target) + "/" + POINTER;
    }

    public static String versionPrefix(String target, String modelId) {
        return checkName("target", target) + "/" + VERSIONS + "/" + checkName("model_id", modelId);
    }

    public static String versionKey(String target, String modelId, String name) {
        return versionPrefix(target, modelId) + "/" + name;
    }

    /** The current pointer of a target, if any. @throws CorruptObjectException if unreadable */
    public Optional<Pointer> current(String target) throws IOException {
        Optional<byte[]> bytes = storage.read(pointerKey(target));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Pointer p = Json.read(bytes.get(), Pointer.class, describe() + "/" + pointerKey(target));
        if (p.modelId() == null || !target.equals(p.target()) || p.onnxSha256() == null || p.sidecarSha256() == null) {
            throw new CorruptObjectException("pointer " + describe() + "/" + pointerKey(target)
                    + " is incomplete or names another target");
        }
        if (p.formatVersion() > Pointer.FORMAT_VERSION) {
            throw new CorruptObjectException("pointer format " + p.formatVersion() + " is newer than this reader ("
                    + Pointer.FORMAT_VERSION + ")");
        }
        return Optional.of(p);
    }

    /** The one write that makes a version visible: a single atomic replace of a small object. */
    void writePointer(Pointer pointer) throws IOException {
        storage.replace(pointerKey(pointer.target()), Json.bytes(pointer));
    }

    /** The manifest of a complete version, or empty when the version is absent or incomplete. */
    public Optional<VersionManifest> manifest(String target, String modelId) throws IOException {
        String key = versionKey(target, modelId, COMPLETE);
        return storage.read(key).map(b -> Json.read(b, VersionManifest.class, describe() + "/" + key));
    }

    /**
     * Reads a version's files back and checks them against its manifest: the way to know a complete
     * version is still intact before pointing at it.
     *
     * @throws NoSuchVersionException when the version is absent or incomplete
     * @throws CorruptObjectException  when a file is missing or its checksum differs
     */
    public VersionManifest verifiedVersion(String target, String modelId) throws IOException {
        VersionManifest m = manifest(target, modelId).orElseThrow(() -> new NoSuchVersionException(
                "no complete version " + modelId + " of " + target + " under " + describe()));
        for (var e : m.files().entrySet()) {
            String key = versionKey(target, modelId, e.getKey());
            String sha;
            try (InputStream in = storage.open(key)) {
                sha = Sha256.of(in);
            } catch (java.io.FileNotFoundException missing) {
                throw new CorruptObjectException(describe() + "/" + key + " is missing");
            }
            if (!sha.equals(e.getValue().sha256())) {
                throw new CorruptObjectException(describe() + "/" + key + " has SHA-256 " + sha + ", manifest says "
                        + e.getValue().sha256());
            }
        }
        return m;
    }

    public ModelSidecar sidecar(String target, String modelId) throws IOException {
        String key = versionKey(target, modelId, sidecarName(target));
        byte[] bytes = storage.read(key).orElseThrow(() -> new CorruptObjectException(describe() + "/" + key + " is missing"));
        return ModelSidecar.fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Targets that have a pointer. */
    public List<String> targets() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : storage.list("")) {
            if (NAME.matcher(name).matches() && storage.exists(name + "/" + POINTER)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Model ids of the complete versions of a target, in name order. */
    public List<String> versions(String target) throws IOException {
        List<String> out = new ArrayList<>();
        for (String id : storage.list(checkName("target", target) + "/" + VERSIONS)) {
            if (NAME.matcher(id).matches() && storage.exists(versionKey(target, id, COMPLETE))) {
                out.add(id);
            }
        }
        return out;
    }

    void appendEvent(PublishEvent event) throws IOException {
        String name = EVENT_TIME.format(Instant.parse(event.at())) + "-" + event.action() + "-" + event.modelId() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".json";
        storage.createNew(checkName("target", event.target()) + "/" + EVENTS + "/" + name, Json.bytes(event));
    }

    /** The audit log of a target, oldest first. */
    public List<PublishEvent> events(String target) throws IOException {
        List<PublishEvent> out = new ArrayList<>();
        String prefix = checkName("target", target) + "/" + EVENTS;
        for (String name : storage.list(prefix)) {
            if (name.endsWith(".json")) {
                storage.read(prefix + "/" + name).ifPresent(b -> out.add(Json.read(b, PublishEvent.class, name)));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        storage.close();
    }
}
