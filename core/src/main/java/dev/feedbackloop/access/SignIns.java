package dev.feedbackloop.access;

import dev.feedbackloop.storage.FeedbackStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Dashboard sign-ins kept in the database, so that they survive a restart and every instance on one
 * PostgreSQL database honours them (a sign-out on one is seen by the next request to another: each
 * lookup reads the row). An id is 256 random bits (base64url); the store keeps only its SHA-256. A
 * sign-in ends on {@link #close}, after {@link #IDLE} without use, after {@link #MAX_AGE} in any case,
 * and when its key is revoked ({@link #closeAll}). A use is written at most once per {@link #TOUCH_EVERY}
 * (not once per request); expired rows are removed whenever a sign-in opens. Thread-safe.
 */
public final class SignIns {
    public static final Duration IDLE = Duration.ofHours(8);
    public static final Duration MAX_AGE = Duration.ofHours(24);
    public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FeedbackStore store;
    private final Clock clock;

    public SignIns(FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new sign-in: the stored record and the id (the cookie's value), which exists nowhere else. */
    public record Opened(SignIn signIn, String secret) {
    }

    /** Opens a sign-in for the key named {@code keyName}. */
    public Opened open(String keyName) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = clock.instant();
        SignIn s = new SignIn(ApiKeys.hash(secret), keyName, now, now, expiry(now, now));
        store.addSession(s);
        return new Opened(s, secret);
    }

    /**
     * The live sign-in of {@code secret}, its use recorded when the last recorded one is older than
     * {@link #TOUCH_EVERY}; empty for an unknown, ended or expired one (an expired row is removed).
     */
    public Optional<SignIn> find(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(secret);
        Optional<SignIn> found = store.session(hash);
        if (found.isEmpty()) {
            return found;
        }
        SignIn s = found.get();
        Instant now = clock.instant();
        if (s.expiredAt(now)) {
            store.endSession(hash);
            return Optional.empty();
        }
        if (Duration.between(s.lastUsed(), now).compareTo(TOUCH_EVERY) < 0) {
            return found;
        }
        SignIn touched = new SignIn(hash, s.keyName(), s.created(), now, expiry(s.created(), now));
        store.touchSession(hash, touched.lastUsed(), touched.expires());
        return Optional.of(touched);
    }

    /** Ends the sign-in of {@code secret}, if there is one. */
    public void close(String secret) {
        if (secret != null && !secret.isEmpty()) {
            store.endSession(ApiKeys.hash(secret));
        }
    }

    /** Ends every sign-in of the key named {@code keyName} (it was revoked). */
    public void closeAll(String keyName) {
        store.endSessionsOf(keyName);
    }

    private static Instant expiry(Instant created, Instant lastUsed) {
        Instant idle = lastUsed.plus(IDLE);
        Instant max = created.plus(MAX_AGE);
        return idle.isBefore(max) ? idle : max;
    }
}
