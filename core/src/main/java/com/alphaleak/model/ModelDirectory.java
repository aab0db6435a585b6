package com.alphaleak.model;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model directory layout, {@code <export.output>/<stem>/<model id>/}: {@code <stem>.onnx},
 * {@code lightgbm_model.txt}, {@code report/*} and {@code <stem>_metadata.json}, read and written
 * through Hadoop's {@link FileSystem} so local folders and {@code s3a://} behave the same.
 *
 * <p>Completeness marker: the sidecar. It is written last, as one object (S3: a single PUT;
 * local: written aside and renamed), so a directory with a sidecar is complete, and a directory
 * without one is a crashed writer's leftover that the next write removes. Directory renames are
 * not used: on S3A they are a non-atomic copy of every object.
 */
public final class ModelDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);
    public static final String LIGHTGBM_FILE = "lightgbm_model.txt";
    public static final String REPORT_DIR = "report";

    private ModelDirectory() {}

    /** {@code <root>/<stem>/<modelId>} as a Hadoop path string. */
    public static String path(String exportRoot, String stem, String modelId) {
        return new Path(new Path(exportRoot, stem), modelId).toString();
    }

    /** What {@link #write} did. @param unchanged an identical export was already there and was kept */
    public record Written(ModelArtifact artifact, boolean unchanged) {}

    /**
     * Writes a model directory, or keeps an identical complete one.
     *
     * @param directory where ({@link #path})
     * @param report    report files by name relative to {@code report/}
     * @throws ModelConflictException when a complete directory with a different ONNX model exists:
     *                                model directories are never overwritten
     */
    public static Written write(String directory, byte[] onnx, byte[] sidecarJson, byte[] lightgbmText,
                                Map<String, byte[]> report, Configuration conf) {
        ModelSidecar sidecar = ModelSidecar.fromJson(new String(sidecarJson, StandardCharsets.UTF_8));
        String stem = sidecar.stem();
        Path dir = new Path(directory);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            fs.setWriteChecksum(false); // no .crc side files next to the model on local disks
            Path sidecarPath = new Path(dir, ModelSidecar.fileName(stem));
            if (fs.exists(sidecarPath)) {
                Optional<Written> kept = keepExisting(fs, dir, sidecar);
                if (kept.isPresent()) return kept.get();
            }
            if (fs.exists(dir)) {
                LOG.info("{}: removing an incomplete model directory (no sidecar; an earlier writer died)", dir);
                fs.delete(dir, true);
            }
            String qualified = fs.makeQualified(dir).toString();
            ArtifactFile onnxFile = put(fs, new Path(dir, stem + ".onnx"), onnx);
            ArtifactFile lgb = lightgbmText == null ? null : put(fs, new Path(dir, LIGHTGBM_FILE), lightgbmText);
            Map<String, ArtifactFile> reportFiles = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : new TreeMap<>(report).entrySet()) {
                reportFiles.put(e.getKey(), put(fs, new Path(new Path(dir, REPORT_DIR), e.getKey()), e.getValue()));
            }
            // Last, and as one object: its presence means the directory is complete.
            Path tmp = new Path(dir, "._" + sidecarPath.getName() + ".tmp");
            put(fs, tmp, sidecarJson);
            if (!fs.rename(tmp, sidecarPath)) {
                fs.delete(tmp, false);
                throw new IOException("could not move " + tmp + " to " + sidecarPath);
            }
            ArtifactFile sidecarFile = ArtifactFile.of(fs.makeQualified(sidecarPath).toString(), sidecarJson);
            return new Written(new ModelArtifact(qualified, onnxFile, sidecarFile, lgb, reportFiles, sidecar), false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model directory " + directory, e);
        }
    }

    /**
     * An existing complete directory: kept when it holds the same model; repaired (removed, so the
     * caller rewrites it) when its sidecar names our model but its ONNX file is damaged; refused
     * when it holds a different model.
     */
    private static Optional<Written> keepExisting(FileSystem fs, Path dir, ModelSidecar wanted) throws IOException {
        ModelSidecar existing = ModelSidecar.fromJson(new String(readAll(fs, new Path(dir, ModelSidecar.fileName(wanted.stem()))),
                StandardCharsets.UTF_8));
        if (existing.onnx() == null || !existing.onnx().sha256().equals(wanted.onnx().sha256())) {
            throw new ModelConflictException(dir + " exists with a different ONNX model (sha256 "
                    + (existing.onnx() == null ? "none" : existing.onnx().sha256()) + ", this export's is "
                    + wanted.onnx().sha256() + "); model directories are never overwritten");
        }
        ModelArtifact found;
        try {
            found = read(dir.toString(), fs.getConf());
        } catch (CorruptModelException e) {
            LOG.warn("{}: {}; writing it again", dir, e.getMessage());
            fs.delete(dir, true);
            return Optional.empty();
        }
        LOG.info("{}: identical export already there, left as it is", dir);
        return Optional.of(new Written(found, true));
    }

    /**
     * Reads a complete model directory.
     *
     * @throws CorruptModelException when there is no sidecar, no ONNX file, or the ONNX bytes are not
     *                               the ones the sidecar names
     */
    public static ModelArtifact read(String directory, Configuration conf) {
        Path dir = new Path(directory);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            Path sidecarPath = sidecarOf(fs, dir);
            byte[] sidecarBytes = readAll(fs, sidecarPath);
            ModelSidecar sidecar = ModelSidecar.fromJson(new String(sidecarBytes, StandardCharsets.UTF_8));
            Path onnxPath = new Path(dir, sidecar.stem() + ".onnx");
            if (!fs.exists(onnxPath)) throw new CorruptModelException(directory + " has a sidecar but no " + onnxPath.getName());
            ArtifactFile onnx = ArtifactFile.of(fs.makeQualified(onnxPath).toString(), readAll(fs, onnxPath));
            Path lgbPath = new Path(dir, LIGHTGBM_FILE);
            ArtifactFile lgb = fs.exists(lgbPath) ? ArtifactFile.of(fs.makeQualified(lgbPath).toString(), readAll(fs, lgbPath)) : null;
            Map<String, ArtifactFile> report = new TreeMap<>();
            Path reportDir = new Path(dir, REPORT_DIR);
            if (fs.exists(reportDir)) {
                String prefix = fs.makeQualified(reportDir).toString() + "/";
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(reportDir, true);
                while (it.hasNext()) {
                    LocatedFileStatus s = it.next();
                    String q = fs.makeQualified(s.getPath()).toString();
                    report.put(q.substring(prefix.length()), ArtifactFile.of(q, readAll(fs, s.getPath())));
                }
            }
            ModelArtifact a = new ModelArtifact(fs.makeQualified(dir).toString(), onnx,
                    ArtifactFile.of(fs.makeQualified(sidecarPath).toString(), sidecarBytes), lgb, report, sidecar);
            if (!a.consistent()) {
                throw new CorruptModelException(onnxPath + " does not match its sidecar: sha256 " + onnx.sha256() + " ("
                        + onnx.size() + " bytes), the sidecar names " + (sidecar.onnx() == null ? "nothing"
                        : sidecar.onnx().sha256() + " (" + sidecar.onnx().bytes() + " bytes)"));
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model directory " + directory, e);
        }
    }

    /** Only the sidecar of a complete model directory (cheap: one small object), e.g. to pick which model to read. */
    public static ModelSidecar readSidecar(String directory, Configuration conf) {
        Path dir = new Path(directory);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            return ModelSidecar.fromJson(new String(readAll(fs, sidecarOf(fs, dir)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model directory " + directory, e);
        }
    }

    /**
     * Every complete model directory under an export root ({@code <root>/<stem>/<model id>/}),
     * sorted by path; incomplete ones are skipped.
     */
    public static List<String> list(String exportRoot, Configuration conf) {
        Path root = new Path(exportRoot);
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) return out;
            for (FileStatus stem : fs.listStatus(root)) {
                if (!stem.isDirectory() || stem.getPath().getName().startsWith(".")) continue;
                for (FileStatus model : fs.listStatus(stem.getPath())) {
                    if (!model.isDirectory() || model.getPath().getName().startsWith(".")) continue;
                    Path sidecar = new Path(model.getPath(), ModelSidecar.fileName(stem.getPath().getName()));
                    if (fs.exists(sidecar)) out.add(fs.makeQualified(model.getPath()).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list model directories under " + exportRoot, e);
        }
        out.sort(null);
        return out;
    }

    /**
     * The complete model directories of one model ({@code <root>/<stem>/<model id>/}) whose model id
     * starts with {@code idPrefix}, sorted by path: one listing of the stem's folder, then one
     * existence check per matching directory, so a long history of other runs costs no reads.
     */
    public static List<String> list(String exportRoot, String stem, String idPrefix, Configuration conf) {
        Path stemDir = new Path(exportRoot, stem);
        List<String> out = new ArrayList<>();
        try {
            FileSystem fs = stemDir.getFileSystem(conf);
            if (!fs.exists(stemDir)) return out;
            for (FileStatus model : fs.listStatus(stemDir)) {
                String name = model.getPath().getName();
                if (!model.isDirectory() || name.startsWith(".") || !name.startsWith(idPrefix)) continue;
                if (fs.exists(new Path(model.getPath(), ModelSidecar.fileName(stem)))) out.add(fs.makeQualified(model.getPath()).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list model directories under " + stemDir, e);
        }
        out.sort(null);
        return out;
    }

    /** The directory's {@code *_metadata.json} (the completeness marker); temporary dot-files are not it. */
    private static Path sidecarOf(FileSystem fs, Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (s.isFile() && n.endsWith(ModelSidecar.FILE_SUFFIX) && !n.startsWith(".")) return s.getPath();
        }
        throw new CorruptModelException(dir + " has no *" + ModelSidecar.FILE_SUFFIX + " (incomplete)");
    }

    private static ArtifactFile put(FileSystem fs, Path p, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(bytes);
        }
        return ArtifactFile.of(fs.makeQualified(p).toString(), bytes);
    }

    private static byte[] readAll(FileSystem fs, Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** A model directory that is incomplete or whose files do not belong together (exit 5, store integrity). */
    public static final class CorruptModelException extends AlphaLeakException {
        public CorruptModelException(String message) {
            super(ExitCodes.STORE_INTEGRITY, message);
        }
    }

    /** A complete model directory holds a different model than the one being written; it is never overwritten. */
    public static final class ModelConflictException extends AlphaLeakException {
        public ModelConflictException(String message) {
            super(ExitCodes.STORE_INTEGRITY, message);
        }
    }
}
