package com.alphaleak.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a real storage and fails operation number {@code failAt} (1-based; 0 = never): the caller
 * dies just before it ({@link Mode#BEFORE}), or the store performs it and then reports an error
 * ({@link Mode#AFTER}, e.g. a lost response), or a write leaves half its bytes behind
 * ({@link Mode#TORN}; other operations fail as BEFORE).
 */
public final class FaultyStorage implements ObjectStorage {

    public enum Mode { BEFORE, AFTER, TORN }

    public static final class InjectedFault extends IOException {
        InjectedFault(String message) {
            super(message);
        }
    }

    private final ObjectStorage d;
    private final int failAt;
    private final Mode mode;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    public FaultyStorage(ObjectStorage delegate, int failAt, Mode mode) {
        this.d = delegate;
        this.failAt = failAt;
        this.mode = mode;
    }

    public static FaultyStorage counting(ObjectStorage delegate) {
        return new FaultyStorage(delegate, 0, Mode.BEFORE);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public int ops() {
        return log.size();
    }

    private interface Op<T> {
        T run() throws IOException;
    }

    private <T> T op(String name, String key, Op<T> op, Op<T> torn) throws IOException {
        int n;
        synchronized (log) {
            log.add(name + " " + key);
            n = log.size();
        }
        if (n != failAt) {
            return op.run();
        }
        String what = "injected fault at op " + n + " (" + name + " " + key + ", " + mode + ")";
        switch (mode) {
            case AFTER -> {
                T result = op.run();
                if (result instanceof InputStream in) {
                    in.close();
                }
                throw new InjectedFault(what);
            }
            case TORN -> {
                if (torn != null) {
                    torn.run();
                }
                throw new InjectedFault(what);
            }
            default -> throw new InjectedFault(what);
        }
    }

    @Override
    public String describe() {
        return d.describe();
    }

    @Override
    public boolean exists(String key) throws IOException {
        return op("exists", key, () -> d.exists(key), null);
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
        return op("read", key, () -> d.read(key), null);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return op("open", key, () -> d.open(key), null);
    }

    @Override
    public void createNew(String key, byte[] data) throws IOException {
        op("createNew", key, () -> {
            d.createNew(key, data);
            return null;
        }, () -> {
            d.createNew(key, Arrays.copyOf(data, data.length / 2));
            return null;
        });
    }

    @Override
    public void replace(String key, byte[] data) throws IOException {
        op("replace", key, () -> {
            d.replace(key, data);
            return null;
        }, null);
    }

    @Override
    public void delete(String key) throws IOException {
        op("delete", key, () -> {
            d.delete(key);
            return null;
        }, null);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return op("list", prefix, () -> d.list(prefix), null);
    }

    @Override
    public void close() throws IOException {
        d.close();
    }
}
