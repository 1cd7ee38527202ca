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
 * nothing from going faster. An IPv6 client counts by its /64 network (one host is usually given a
 * whole /64, so counting single addresses would let it rotate through them). Behind a reverse proxy
 * all clients share the proxy's address and so one budget. At most {@link #MAX_ADDRESSES} addresses
 * are remembered: past that, those back at a full budget are forgotten, and while none is, new
 * addresses share one budget (memory and the work per failure stay bounded whatever the number of
 * addresses). Thread-safe.
 */
final class LoginAttempts {
    static final int FAILURES = 10;
    static final Duration REFILL = Duration.ofSeconds(6);
    static final int MAX_ADDRESSES = 10_000;
    /** The budget new addresses share while {@link #MAX_ADDRESSES} are remembered. */
    static final String OVERFLOW = "(others)";

    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    /** Whether {@code address} may try to sign in now. */
    boolean allowed(String address) {
        Bucket b = byAddress.get(key(address));
        if (b == null && byAddress.size() >= MAX_ADDRESSES) {
            b = byAddress.get(OVERFLOW);
        }
        return b == null || b.getAvailableTokens() > 0;
    }

    /** Counts a failed sign-in from {@code address}. */
    void failed(String address) {
        String key = key(address);
        if (!byAddress.containsKey(key) && byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(b -> b.getAvailableTokens() >= FAILURES);
            if (byAddress.size() >= MAX_ADDRESSES) {
                key = OVERFLOW;
            }
        }
        byAddress.computeIfAbsent(key, a -> Bucket.builder().addLimit(Bandwidth.builder().capacity(FAILURES)
                .refillGreedy(1, REFILL).build()).build()).tryConsume(1);
    }

    /** How many budgets are kept (for tests). */
    int size() {
        return byAddress.size();
    }

    /**
     * An IPv4 address as it is; an IPv6 address as its /64 network (its first four groups). Only text made
     * of an IPv6 literal's characters is parsed: {@code InetAddress} would look anything else up as a name.
     */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.chars().allMatch(
                c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '[' || c == ']')) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address.startsWith("[") ? address.substring(1,
                    address.length() - 1) : address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0], bytes[1], bytes[2], bytes[3],
                    bytes[4], bytes[5], bytes[6], bytes[7]);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return address;
        }
    }
}
