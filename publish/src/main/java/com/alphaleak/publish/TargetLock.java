package com.alphaleak.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mutual exclusion for the short "read pointer, gate, write pointer" section of one target, built
 * from claim objects because S3 (through S3A 3.3) has no conditional PUT.
 *
 * <p>Protocol: write a uniquely named claim {@code <target>/lock/<uuid>.json}, then list the lock
 * prefix. If another live claim is there, delete ours, back off a random while and try again;
 * otherwise we hold the lock. Two publishers cannot both hold it: if A lists without seeing B,
 * B's claim was written after A's list, hence after A's claim, so B's list sees A. This needs
 * strong read-after-write and list-after-write consistency, which S3 (since 2020), s3proxy and
 * local/HDFS file systems give. Livelock is broken by the random back-off.
 *
 * <p>A claim carries an expiry (writer's clock + ttl); an expired claim (its holder died) is
 * deleted by the next publisher. A holder paused for longer than the ttl could overlap with
 * the next one; the ttl (default 2 minutes) is far longer than the section (milliseconds).
 */
final class TargetLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetLock.class);
    static final String DIR = "lock";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    /** What a claim object holds. */
    record Claim(String owner, String acquiredAt, String expiresAt) {}

    /** The lock stayed taken by a live claim for longer than the wait allowed. */
    static final class BusyException extends IOException {
        BusyException(String message) {
            super(message);
        }
    }

    private final ObjectStorage storage;
    private final String key;
    private boolean released;

    private TargetLock(ObjectStorage storage, String key) {
        this.storage = storage;
        this.key = key;
    }

    static TargetLock acquire(ObjectStorage storage, String target, String owner, Clock clock, Duration ttl,
                              Duration maxWait) throws IOException {
        String prefix = ModelStore.checkName("target", target) + "/" + DIR;
        Instant deadline = clock.instant().plus(maxWait);
        String lastHolder = null;
        while (true) {
            String mine = UUID.randomUUID() + ".json";
            String key = prefix + "/" + mine;
            Instant now = clock.instant();
            try {
                storage.createNew(key, Json.bytes(new Claim(owner, now.toString(), now.plus(ttl).toString())));
                boolean contended = false;
                for (String other : storage.list(prefix)) {
                    if (other.equals(mine) || !other.endsWith(".json")) {
                        continue;
                    }
                    Optional<Claim> c = readClaim(storage, prefix + "/" + other);
                    if (c.isEmpty()) {
                        continue; // released meanwhile
                    }
                    if (Instant.parse(c.get().expiresAt()).isBefore(clock.instant())) {
                        LOG.warn("{}: removing the expired lock claim of {} (acquired {})", target, c.get().owner(),
                                c.get().acquiredAt());
                        storage.delete(prefix + "/" + other);
                        continue;
                    }
                    contended = true;
                    lastHolder = c.get().owner() + " since " + c.get().acquiredAt();
                }
                if (!contended) {
                    return new TargetLock(storage, key);
                }
            } catch (IOException | RuntimeException e) {
                deleteQuietly(storage, key);
                throw e;
            }
            deleteQuietly(storage, key);
            if (clock.instant().isAfter(deadline)) {
                throw new BusyException("the publish lock of " + target + " is held by " + lastHolder
                        + "; gave up after " + maxWait);
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the publish lock of " + target, ie);
            }
        }
    }

    private static Optional<Claim> readClaim(ObjectStorage storage, String key) throws IOException {
        Optional<byte[]> bytes = storage.read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(bytes.get(), Claim.class, key));
        } catch (CorruptObjectException e) {
            // a claim is one PUT, so this is not a half-written one; treat garbage as expired
            return Optional.of(new Claim("unreadable claim " + key, Instant.EPOCH.toString(), Instant.EPOCH.toString()));
        }
    }

    private static void deleteQuietly(ObjectStorage storage, String key) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete lock claim {} ({}); it expires by itself", key, e.toString());
        }
    }

    /** Releases the lock; a failure is logged, not thrown (the claim expires by itself). */
    @Override
    public void close() {
        if (!released) {
            released = true;
            deleteQuietly(storage, key);
        }
    }
}
