package dev.feedbackloop.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sign-ins: a person gives a read or admin key once on the login form and gets a session
 * cookie ({@value #COOKIE}: HttpOnly, SameSite=Strict, Secure over https) instead of keeping the key in
 * the browser. A session id is 256 random bits; only its SHA-256 is kept, in memory, so a restart
 * signs everyone out. A session acts as its key: it ends when the key is revoked (checked by
 * {@link Access} on every request), after {@link #IDLE} without a request, after {@link #MAX_AGE} in
 * any case, and on logout. Thread-safe.
 */
final class Sessions {
    static final String COOKIE = "feedback_session";
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration MAX_AGE = Duration.ofHours(24);
    static final int MAX_SESSIONS = 10_000;

    /** A signed-in browser: the key it signed in with (by name) and when. */
    record Session(String keyName, Instant createdAt, Instant lastSeen) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /**
     * Opens a session for the key named {@code keyName} and sets its cookie on {@code ctx}. The session
     * the request's cookie named, if any, ends: a sign-in never keeps an id the browser had before.
     */
    void open(Context ctx, String keyName) {
        String earlier = ctx.cookie(COOKIE);
        if (earlier != null && !earlier.isEmpty()) {
            byHash.remove(hash(earlier));
        }
        if (byHash.size() >= MAX_SESSIONS) {
            expire();
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = clock.instant();
        byHash.put(hash(secret), new Session(keyName, now, now));
        ctx.header("Set-Cookie", cookie(ctx, secret, MAX_AGE.toSeconds()));
    }

    /** The live session of the request's cookie (its last use updated); empty without one. */
    Optional<Session> find(Context ctx) {
        String secret = ctx.cookie(COOKIE);
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        String h = hash(secret);
        Session s = byHash.get(h);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byHash.remove(h);
            return Optional.empty();
        }
        Session touched = new Session(s.keyName(), s.createdAt(), now);
        byHash.replace(h, s, touched);
        return Optional.of(touched);
    }

    /** Ends the request's session, if any, and clears its cookie. */
    void close(Context ctx) {
        String secret = ctx.cookie(COOKIE);
        if (secret != null) {
            byHash.remove(hash(secret));
        }
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
    }

    /** Ends every session of the key named {@code keyName} (it was revoked). */
    void closeAll(String keyName) {
        byHash.values().removeIf(s -> s.keyName().equals(keyName));
    }

    private void expire() {
        Instant now = clock.instant();
        byHash.values().removeIf(s -> expired(s, now));
    }

    private static boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.createdAt().plus(MAX_AGE));
    }

    private static String cookie(Context ctx, String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (isHttps(ctx) ? "; Secure" : "");
    }

    /** Over TLS here, or behind a proxy that says it terminated TLS. */
    static boolean isHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /**
     * The CSRF check of a state-changing request made with a session cookie: its {@code Origin} must be
     * this server's own (SameSite=Strict already keeps the cookie off cross-site requests; this is the
     * second lock). Browsers send {@code Origin} on every POST and DELETE.
     *
     * @throws HttpProblem 403 when the origin is missing or another site's
     */
    static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (!sameOrigin(ctx)) {
            throw HttpProblem.forbidden("a signed-in browser may change things only from this server's own pages"
                    + " (the request's Origin is " + (origin == null ? "missing" : origin) + ")");
        }
    }

    /** Whether the request's {@code Origin} is this server's own (its pages: the dashboard, the widget demo). */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        return origin != null && host != null
                && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
