package dev.feedbackloop.storage.sqlite;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Maps a range of UTF-8 bytes to a value decoded once per distinct text, without creating a
 * String when the bytes were seen before (an open-addressing table compared byte by byte). Stops
 * remembering new texts when half full. Not thread-safe.
 */
final class RegionCache<V> {
    private final byte[][] keys;
    private final Object[] values;
    private final int mask;
    private final Function<String, V> decode;
    private int size;

    RegionCache(int capacityPowerOfTwo, Function<String, V> decode) {
        this.keys = new byte[capacityPowerOfTwo][];
        this.values = new Object[capacityPowerOfTwo];
        this.mask = capacityPowerOfTwo - 1;
        this.decode = decode;
    }

    @SuppressWarnings("unchecked")
    V get(byte[] text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            byte[] k = keys[slot];
            if (k == null) {
                break;
            }
            if (Arrays.equals(k, 0, k.length, text, from, to)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        V value = decode.apply(new String(text, from, to - from, StandardCharsets.UTF_8));
        if (size < keys.length / 2) {
            keys[slot] = Arrays.copyOfRange(text, from, to);
            values[slot] = value;
            size++;
        }
        return value;
    }
}
