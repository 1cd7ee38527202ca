package dev.feedbackloop.capture;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Mints feedback ids: RFC 9562 UUID version 7 strings. Time-ordered (48-bit millisecond prefix,
 * monotonic within a millisecond in one process) and collision-free in practice (74 random bits).
 * Thread-safe.
 *
 * <p>The random bits come from the operating system's cryptographic generator: {@code /dev/urandom}
 * (never blocks), read directly in blocks, where it exists; {@link SecureRandom} elsewhere. Not
 * {@code SecureRandom} everywhere because its first use starts the JCA provider framework, about
 * 30 ms of a 0.2 s capture, for bits the same kernel generator supplies. Not a seeded
 * {@code SplittableRandom} or {@code ThreadLocalRandom}: their seeds come from the clock, and ids
 * minted by processes that start at the same moment must not repeat each other.
 */
public final class FeedbackIds {
    private static final String URANDOM = "/dev/urandom";
    private static final Object LOCK = new Object();
    /** Random bytes not handed out yet: {@code pool[used..]}. Guarded by LOCK, like the rest. */
    private static final byte[] POOL = new byte[1024];
    private static int used = POOL.length;
    private static SecureRandom fallback;
    private static long lastMillis;
    private static long sequence;

    private FeedbackIds() {
    }

    public static String next() {
        long millis;
        long seq;
        long random;
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
                sequence = randomLong() >>> 53; // 11 bits: room for 2048 more ids in this millisecond
            }
            seq = sequence;
            random = randomLong();
        }
        return uuid7(millis, seq, random);
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

    /** Eight random bytes from the pool, refilled when empty. Caller holds LOCK. */
    private static long randomLong() {
        if (used + Long.BYTES > POOL.length) {
            refill();
        }
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = v << 8 | (POOL[used++] & 0xFF);
        }
        return v;
    }

    private static void refill() {
        try (InputStream in = new FileInputStream(URANDOM)) {
            if (in.readNBytes(POOL, 0, POOL.length) == POOL.length) {
                used = 0;
                return;
            }
        } catch (IOException | SecurityException e) {
            // no /dev/urandom here (Windows) or not readable: the JDK's generator below
        }
        if (fallback == null) {
            fallback = new SecureRandom();
        }
        fallback.nextBytes(POOL);
        used = 0;
    }
}
