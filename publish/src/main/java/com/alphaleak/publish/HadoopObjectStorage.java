package com.alphaleak.publish;

import com.alphaleak.config.ConfigValidationException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ObjectStorage} on a Hadoop {@link FileSystem}: {@code s3a://bucket/prefix} on a cluster, a
 * local directory by default.
 *
 * <p>How {@link #replace} is made atomic, per kind of file system:
 * <ul>
 *   <li>object stores (s3a, gs, abfs, ...): one {@code create(overwrite=true)} of a small object,
 *       which is a single PUT on close; an object store makes a PUT visible all at once.</li>
 *   <li>local file system: write a hidden temporary file, then {@code rename(2)} it over the
 *       target ({@link StandardCopyOption#ATOMIC_MOVE}).</li>
 *   <li>other file systems (HDFS): temporary file, then {@code FileContext.rename(OVERWRITE)},
 *       which HDFS performs atomically.</li>
 * </ul>
 *
 * <p>Credentials are never taken here: S3A finds them itself (environment variables, Hadoop
 * credential providers, instance roles). A root URI with user info ({@code s3a://KEY:SECRET@bucket})
 * is refused, and {@link #describe()} never prints anything but scheme, bucket and path.
 */
public final class HadoopObjectStorage implements ObjectStorage {

    private static final Set<String> OBJECT_STORES =
            Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cos", "cosn", "obs");

    private final URI rootUri;
    private final Path root;
    private final FileSystem owned;
    private final FileSystem fs;
    private final Configuration conf;
    private final boolean objectStore;

    public HadoopObjectStorage(String root, Configuration conf) throws IOException {
        this.rootUri = rootUri(root);
        this.conf = conf;
        this.root = new Path(rootUri);
        this.owned = FileSystem.newInstance(rootUri, conf);
        this.fs = owned instanceof LocalFileSystem local ? local.getRawFileSystem() : owned;
        String scheme = rootUri.getScheme() == null ? "" : rootUri.getScheme().toLowerCase(Locale.ROOT);
        this.objectStore = OBJECT_STORES.contains(scheme);
    }

    /** A root string as a URI: a path without scheme is a local directory (made absolute). */
    static URI rootUri(String root) {
        if (root == null || root.isBlank()) {
            throw new ConfigValidationException(List.of("publish root is empty"));
        }
        URI uri;
        if (root.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            uri = URI.create(root);
        } else {
            uri = java.nio.file.Path.of(root).toAbsolutePath().normalize().toUri();
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigValidationException(List.of("credentials in the root URI are refused (" + uri.getScheme() + "://"
                    + "<user-info removed>@" + uri.getHost() + uri.getPath()
                    + "); use environment variables or a Hadoop credential provider"));
        }
        return uri;
    }

    private Path path(String key) {
        if (key.isEmpty()) {
            return root;
        }
        if (key.startsWith("/") || key.contains("..") || key.contains("//")) {
            throw new IllegalArgumentException("bad object key: " + key);
        }
        return new Path(root, key);
    }

    @Override
    public String describe() {
        return rootUri.toString();
    }

    @Override
    public boolean exists(String key) throws IOException {
        return fs.exists(path(key));
    }

    /**
     * Reads a whole object. S3A checks that an object does not change while it is read (ETag); a
     * small object replaced between S3A's HEAD and GET (the pointer, during a promotion) is read
     * again, and then holds the old or the new bytes, complete.
     */
    @Override
    public Optional<byte[]> read(String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = fs.open(path(key))) {
                return Optional.of(in.readAllBytes());
            } catch (FileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                if (attempt >= 5 || !e.getClass().getSimpleName().equals("RemoteFileChangedException")) {
                    throw e;
                }
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return fs.open(path(key));
    }

    /**
     * Object stores: {@code create(overwrite=false)}, one PUT on close (the existence check and the
     * PUT are two requests; S3A in Hadoop 3.3 has no conditional PUT). Local file system: a hidden
     * temporary file, then a hard link to the key, which is atomic and fails if the key exists; a
     * reader never sees a partly written object.
     */
    @Override
    public void createNew(String key, byte[] data) throws IOException {
        Path target = path(key);
        if (!(fs instanceof RawLocalFileSystem raw)) {
            try (FSDataOutputStream out = fs.create(target, false)) {
                out.write(data);
            }
            return;
        }
        java.nio.file.Path file = raw.pathToFile(target).toPath();
        Files.createDirectories(file.getParent());
        java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(data));
                ch.force(true);
            }
            Files.createLink(file, tmp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(describe() + "/" + key + " already exists");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void replace(String key, byte[] data) throws IOException {
        Path target = path(key);
        if (objectStore) {
            try (FSDataOutputStream out = fs.create(target, true)) {
                out.write(data);
            }
            return;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(data);
                out.hsync();
            }
            if (fs instanceof RawLocalFileSystem raw) {
                Files.move(raw.pathToFile(tmp).toPath(), raw.pathToFile(target).toPath(),
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                FileContext.getFileContext(rootUri, conf).rename(tmp, target, Options.Rename.OVERWRITE);
            }
        } finally {
            fs.delete(tmp, false);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        fs.delete(path(key), false);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus st : fs.listStatus(path(prefix))) {
                names.add(st.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    @Override
    public void close() throws IOException {
        owned.close();
    }

    @Override
    public String toString() {
        return "HadoopObjectStorage[" + describe() + "]";
    }
}
