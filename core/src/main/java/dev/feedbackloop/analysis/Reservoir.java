package dev.feedbackloop.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} row ids from a stream of unknown length
 * (Vitter's Algorithm R). Seeded, so the same stream gives the same sample. Not thread-safe.
 */
final class Reservoir {
    private final long[] ids;
    private final SplittableRandom random;
    private long seen;

    Reservoir(int capacity, long seed) {
        this.ids = new long[capacity];
        this.random = new SplittableRandom(seed);
    }

    void offer(long id) {
        if (seen < ids.length) {
            ids[(int) seen] = id;
        } else {
            long j = random.nextLong(seen + 1);
            if (j < ids.length) {
                ids[(int) j] = id;
            }
        }
        seen++;
    }

    long seen() {
        return seen;
    }

    /** The sample in random order. */
    List<Long> sample() {
        int n = (int) Math.min(seen, ids.length);
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ids[i]);
        }
        Collections.shuffle(out, new java.util.Random(random.nextLong()));
        return out;
    }
}
