package com.alphaleak.publish;

import com.alphaleak.publish.TestModels.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish lock: a live claim blocks (version stored, pointer untouched), an expired one is broken. */
class TargetLockTest {

    static List<Backend> backends() {
        return Backend.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void liveClaimBlocksExpiredClaimIsBroken(Backend backend) throws Exception {
        try (ModelStore store = backend.open(backend.freshRoot("lock"))) {
            Version v1 = TestModels.version("m-001", 0.40, 0.03);
            Version v2 = TestModels.version("m-002", 0.41, 0.03);
            v1.publishTo(store).execute();
            // Another publisher holds the lock (or died holding it a moment ago).
            String claim = TestModels.TARGET + "/" + TargetLock.DIR + "/other.json";
            Instant now = Instant.now();
            store.storage().createNew(claim, Json.bytes(new TargetLock.Claim("other@host/1", now.toString(),
                    now.plusMillis(1500).toString())));
            TargetLock.BusyException busy = assertThrows(TargetLock.BusyException.class,
                    () -> v2.publishTo(store).lock(Duration.ofMinutes(2), Duration.ofMillis(300)).execute());
            assertTrue(busy.getMessage().contains("other@host/1"), busy.getMessage());
            assertEquals("m-001", store.current(TestModels.TARGET).orElseThrow().modelId());
            assertTrue(store.versions(TestModels.TARGET).contains("m-002"), "stored, just not promoted");
            // Once the claim has expired, the next publisher removes it and goes on.
            ModelPublisher.Result r = v2.publishTo(store).lock(Duration.ofMinutes(2), Duration.ofSeconds(10)).execute();
            assertEquals(ModelPublisher.Status.PROMOTED, r.status());
            assertFalse(store.storage().exists(claim));
            assertEquals(List.of(), store.storage().list(TestModels.TARGET + "/" + TargetLock.DIR), "lock released");
        }
    }
}
