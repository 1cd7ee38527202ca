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
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
