package dev.feedbackloop.storage.sqlite;

import java.util.function.Function;

/**
 * Maps a region of a string to a value decoded once per distinct text, without allocating a
 * substring when the text was seen before (an open-addressing table compared with
 * {@link String#regionMatches}). Stops remembering new texts when full. Not thread-safe.
 */
final class RegionCache<V> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final Function<String, V> decode;
    private int size;

    RegionCache(int capacityPowerOfTwo, Function<String, V> decode) {
        this.keys = new String[capacityPowerOfTwo];
        this.values = new Object[capacityPowerOfTwo];
        this.mask = capacityPowerOfTwo - 1;
        this.decode = decode;
    }

    @SuppressWarnings("unchecked")
    V get(String text, int from, int to) {
        int len = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String k = keys[slot];
            if (k == null) {
                break;
            }
            if (k.length() == len && text.regionMatches(from, k, 0, len)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String key = text.substring(from, to);
        V value = decode.apply(key);
        if (size < keys.length / 2) {
            keys[slot] = key;
            values[slot] = value;
            size++;
        }
        return value;
    }
}
