package dev.feedbackloop.capture;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Mints feedback ids: RFC 9562 UUID version 7 strings. Time-ordered (48-bit millisecond prefix,
 * monotonic within a millisecond in one process) and collision-free in practice (74 random bits).
 * Thread-safe.
 */
public final class FeedbackIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static long lastMillis;
    private static long sequence;

    private FeedbackIds() {
    }

    public static String next() {
        long millis;
        long seq;
        synchronized (LOCK) {
            millis = System.currentTimeMillis();
            if (millis <= lastMillis) {
                millis = lastMillis;
                sequence++;
                if (sequence > 0xFFF) {
                    millis = ++lastMillis;
                    sequence = 0;
                }
            } else {
                lastMillis = millis;
                sequence = RANDOM.nextInt(0x800);
            }
            seq = sequence;
        }
        return uuid7(millis, seq, RANDOM.nextLong());
    }

    /**
     * The RFC 9562 version 7 layout: 48 bits of Unix milliseconds, version, 12 bits of
     * {@code sequence} (sub-millisecond order), variant and 62 bits of {@code random}.
     */
    public static String uuid7(long millis, long sequence, long random) {
        long msb = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (sequence & 0xFFFL);
        long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}
