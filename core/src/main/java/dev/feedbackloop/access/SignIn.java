package dev.feedbackloop.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored dashboard sign-in (a row of {@code sessions}): never its id, only the id's SHA-256
 * ({@code idHash}, lower-case hex), the key it acts as (by name), and its times.
 *
 * @param lastUsed the last recorded use; {@link SignIns} records a use at most once a minute
 * @param expires  when it ends unless used again: the earlier of {@code lastUsed} + idle time and
 *                 {@code created} + maximum age
 */
public record SignIn(String idHash, String keyName, Instant created, Instant lastUsed, Instant expires) {
    public SignIn {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether it has ended by time at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}
