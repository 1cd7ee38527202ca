package dev.feedbackloop.server;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login form's rate limit: each client address may fail {@link #FAILURES} sign-ins in a row, then
 * one more every {@link #REFILL} (a Bucket4j token bucket per address; successes cost nothing). While
 * an address is over its limit every attempt is refused before the key is looked at, so guessing gains
 * nothing from going faster. Behind a reverse proxy all clients share the proxy's address and so one
 * budget. At most {@link #MAX_ADDRESSES} addresses are remembered: past that, those back at a full
 * budget are forgotten. Thread-safe.
 */
final class LoginAttempts {
    static final int FAILURES = 10;
    static final Duration REFILL = Duration.ofSeconds(6);
    static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    /** Whether {@code address} may try to sign in now. */
    boolean allowed(String address) {
        Bucket b = byAddress.get(address);
        return b == null || b.getAvailableTokens() > 0;
    }

    /** Counts a failed sign-in from {@code address}. */
    void failed(String address) {
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(b -> b.getAvailableTokens() >= FAILURES);
        }
        byAddress.computeIfAbsent(address, a -> Bucket.builder().addLimit(Bandwidth.builder().capacity(FAILURES)
                .refillGreedy(1, REFILL).build()).build()).tryConsume(1);
    }
}
