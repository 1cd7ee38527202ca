package dev.feedbackloop.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A uniform random sample of at most {@code capacity} row ids: the ids with the smallest keys, where
 * a key is a seeded hash of the id ("bottom-k" sampling). Any split of the rows into parts, sampled
 * separately and merged, gives the same sample as one pass; the same rows and seed always give the
 * same sample. Not thread-safe.
 */
final class BottomKSample {
    private final int capacity;
    private final long seed;
    private final long[] keys;
    private final long[] ids;
    private int size;

    BottomKSample(int capacity, long seed) {
        this.capacity = capacity;
        this.seed = seed;
        this.keys = new long[capacity];
        this.ids = new long[capacity];
    }

    void offer(long id) {
        long key = mix(id ^ seed);
        if (size < capacity) {
            keys[size] = key;
            ids[size] = id;
            siftUp(size++);
        } else if (capacity > 0 && Long.compareUnsigned(key, keys[0]) < 0) {
            keys[0] = key;
            ids[0] = id;
            siftDown(0);
        }
    }

    void addAll(BottomKSample other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i]);
        }
    }

    /** The sampled ids in key order, which is a random order. */
    List<Long> ids() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(keys[a], keys[b]));
        List<Long> out = new ArrayList<>(size);
        for (int i : order) {
            out.add(ids[i]);
        }
        return out;
    }

    /** SplitMix64's finaliser: a bijective, well-mixed hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Max-heap on keys (unsigned), so the root is the key to beat. */
    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (Long.compareUnsigned(keys[i], keys[parent]) <= 0) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int largest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && Long.compareUnsigned(keys[left], keys[largest]) > 0) {
                largest = left;
            }
            if (right < size && Long.compareUnsigned(keys[right], keys[largest]) > 0) {
                largest = right;
            }
            if (largest == i) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    private void swap(int a, int b) {
        long k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
    }
}
