package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {
    @Test
    void idsAreUniqueAcrossKindsAndIndices() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(seen.add(Ids.wallet(42, i)));
            assertTrue(seen.add(Ids.creator(42, i)));
            assertTrue(seen.add(Ids.token(42, i)));
            for (int j = 0; j < 3; j++) {
                assertTrue(seen.add(Ids.signal(42, i, j)));
            }
        }
    }

    @Test
    void idsLookLikeSolanaAddressesAndDependOnTheSeed() {
        String wallet = Ids.wallet(42, 7);
        String token = Ids.token(42, 7);
        assertTrue(wallet.matches("[1-9A-HJ-NP-Za-km-z]{43,44}"), wallet);
        assertTrue(token.endsWith("pump") && token.length() >= 43, token);
        assertEquals(wallet, Ids.wallet(42, 7));
        assertNotEquals(wallet, Ids.wallet(43, 7));
    }

    @Test
    void base58KeepsLeadingZeroBytes() {
        assertEquals("11", Ids.base58(new byte[]{0, 0}));
        assertEquals("5R", Ids.base58(new byte[]{1, 0})); // 256 = 4 * 58 + 24
    }
}
