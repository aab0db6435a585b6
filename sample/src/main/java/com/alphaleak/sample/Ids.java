package com.alphaleak.sample;

/**
 * Base58 identifiers that look like Solana addresses. Each id is derived from a bijective mix of
 * (kind, index) under the world seed, so ids of one world are unique by construction (no
 * collision check needed) and a different seed gives different ids.
 */
final class Ids {
    private Ids() {}

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final long WALLET = 1L << 56;
    private static final long CREATOR = 2L << 56;
    private static final long TOKEN = 3L << 56;

    static String wallet(long seed, int index) {
        return address(seed, WALLET | index, false);
    }

    static String creator(long seed, int index) {
        return address(seed, CREATOR | index, false);
    }

    /** Pump.fun mints end in "pump"; the replaced tail is too short to make two ids equal. */
    static String token(long seed, long index) {
        return address(seed, TOKEN | index, true);
    }

    /** Short id of the {@code ordinal}-th signal of a token (ordinal below 2^20). */
    static String signal(long seed, long tokenIndex, int ordinal) {
        if (ordinal >= (1 << 20) || tokenIndex >= (1L << 43)) {
            throw new IllegalArgumentException("signal ordinal " + ordinal + " or token index " + tokenIndex + " out of range");
        }
        long unique = Rng.mix(((tokenIndex << 20) | ordinal) ^ Rng.mix(seed ^ 0x51C4A1L));
        byte[] bytes = new byte[8];
        put(bytes, 0, unique);
        return base58(bytes);
    }

    private static String address(long seed, long kindAndIndex, boolean pumpSuffix) {
        long unique = Rng.mix(kindAndIndex ^ Rng.mix(seed));
        byte[] bytes = new byte[32];
        put(bytes, 0, unique | Long.MIN_VALUE); // top bit set: every address has the same length
        long filler = unique;
        for (int off = 8; off < 32; off += 8) {
            filler = Rng.mix(filler + 0x632BE59BD9B4E019L);
            put(bytes, off, filler);
        }
        String s = base58(bytes);
        return pumpSuffix ? s.substring(0, s.length() - 4) + "pump" : s;
    }

    private static void put(byte[] bytes, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static String base58(byte[] input) {
        int[] digits = new int[input.length * 2];
        int length = 0;
        for (byte b : input) {
            int carry = b & 0xFF;
            for (int j = 0; j < length; j++) {
                carry += digits[j] << 8;
                digits[j] = carry % 58;
                carry /= 58;
            }
            while (carry > 0) {
                digits[length++] = carry % 58;
                carry /= 58;
            }
        }
        StringBuilder sb = new StringBuilder(length + 1);
        for (int i = 0; i < input.length && input[i] == 0; i++) {
            sb.append('1');
        }
        for (int i = length - 1; i >= 0; i--) {
            sb.append(ALPHABET[digits[i]]);
        }
        return sb.toString();
    }
}
