package com.alphaleak.publish;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The few object-store operations publishing needs, on keys relative to a root ({@code a/b/c},
 * no leading slash). The real implementation is {@link HadoopObjectStorage}; tests wrap it to
 * inject faults.
 *
 * <p>Two write operations with different guarantees:
 * <ul>
 *   <li>{@link #createNew}: create an object that must not exist yet (immutable version files).
 *       Readers never look at these keys before the pointer names them, so it need not be atomic.</li>
 *   <li>{@link #replace}: atomically replace a small object (the pointer): a reader sees the old
 *       bytes or the new bytes, never a mix or nothing. On an object store this is one PUT.</li>
 * </ul>
 */
public interface ObjectStorage extends Closeable {

    /** The root, for messages (never carries credentials). */
    String describe();

    boolean exists(String key) throws IOException;

    /** The whole object, or empty when it does not exist. */
    Optional<byte[]> read(String key) throws IOException;

    /** A stream over the object; {@link java.io.FileNotFoundException} when it does not exist. */
    InputStream open(String key) throws IOException;

    /** @throws org.apache.hadoop.fs.FileAlreadyExistsException when the key exists */
    void createNew(String key, byte[] data) throws IOException;

    /** Atomically creates or replaces a small object (see the class comment). */
    void replace(String key, byte[] data) throws IOException;

    /** Deletes an object; no error when it is absent. */
    void delete(String key) throws IOException;

    /** Names of the direct children (objects and prefixes) under {@code prefix}; empty if none. */
    List<String> list(String prefix) throws IOException;
}
