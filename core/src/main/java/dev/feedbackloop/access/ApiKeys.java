package dev.feedbackloop.access;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.storage.FeedbackStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import dev.feedbackloop.lifecycle.Actors;
import dev.feedbackloop.lifecycle.AuditEvent;
import java.util.Optional;

/**
 * Creating, listing, revoking and checking API keys. A key is 256 random bits (base64url, prefixed
 * {@code fbk_}), shown once at creation; the store keeps only its SHA-256. Checking compares hashes
 * in constant time. Thread-safe.
 */
public final class ApiKeys {
    static final String PREFIX = "fbk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FeedbackStore store;
    private final Clock clock;
    private final String actor;

    /** Keys whose changes are audited as done by the library ({@link Actors#LIBRARY}). */
    public ApiKeys(FeedbackStore store, Clock clock) {
        this(store, clock, Actors.LIBRARY);
    }

    /** Keys whose creations and revocations go to the audit trail as done by {@code actor} (never the secret). */
    public ApiKeys(FeedbackStore store, Clock clock, String actor) {
        this.store = store;
        this.clock = clock;
        this.actor = actor;
    }

    /** A new key: the stored record and the secret, which exists nowhere else. */
    public record Created(ApiKey key, String secret) {
    }

    /**
     * @throws dev.feedbackloop.InvalidInputException for a bad name or origin
     * @throws ConflictException when a key (active or revoked) already has that name
     */
    public Created create(String name, KeyScope scope, List<String> origins) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = new ApiKey(name, scope, hash(secret), origins, clock.instant(), null);
        store.addKey(key);
        store.audit(new AuditEvent(0, key.created(), actor, "key.create",
                Map.of("name", name, "scope", scope.label(), "origins", key.origins()), 1));
        return new Created(key, secret);
    }

    /** Every key, active and revoked, oldest first. */
    public List<ApiKey> list() {
        return store.keys();
    }

    /** Revokes the key and ends its dashboard sign-ins. @return false when no active key has that name */
    public boolean revoke(String name) {
        Instant at = clock.instant();
        boolean revoked = store.revokeKey(name, at);
        if (revoked) {
            store.audit(new AuditEvent(0, at, actor, "key.revoke", Map.of("name", name), 1));
            store.endSessionsOf(name);
        }
        return revoked;
    }

    /**
     * The active key among {@code keys} whose secret this is. Every candidate is compared (constant
     * time each), so the time taken does not tell which one matched.
     */
    public static Optional<ApiKey> match(String secret, List<ApiKey> keys) {
        byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
        ApiKey found = null;
        for (ApiKey k : keys) {
            if (MessageDigest.isEqual(presented, k.hash().getBytes(StandardCharsets.US_ASCII)) && k.active()) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
