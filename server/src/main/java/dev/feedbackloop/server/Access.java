package dev.feedbackloop.server;

import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.ApiKeys;
import dev.feedbackloop.access.KeyScope;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who may do what: the {@code Authorization: Bearer} key of a request (or the key a dashboard
 * session acts as, {@link Sessions}), its scope, its rate limit
 * (a Bucket4j token bucket per key) and the browser origins it allows (CORS). Keys are read from the
 * store at most once a second, so a key created or revoked from the command line takes effect
 * within a second without a restart. Thread-safe.
 */
final class Access {
    static final String KEY_ATTRIBUTE = "feedback.key";
    /** The scope of the request's key ({@code read}, ...), for routes that tell a client who it is. */
    static final String SCOPE_ATTRIBUTE = "feedback.scope";
    private static final long RELOAD_NANOS = Duration.ofSeconds(1).toNanos();

    private final Supplier<List<ApiKey>> source;
    private final long requestsPerSecond;
    private final Sessions sessions;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Per output and rater; those back at a full budget are forgotten past {@link #MAX_VOTE_BUCKETS}. */
    private final Map<String, Bucket> voteBuckets = new ConcurrentHashMap<>();
    private volatile List<ApiKey> keys;
    private volatile long loadedAt;

    Access(Supplier<List<ApiKey>> source, long requestsPerSecond, Sessions sessions) {
        this.source = source;
        this.sessions = sessions;
        this.requestsPerSecond = requestsPerSecond;
        this.keys = source.get();
        this.loadedAt = System.nanoTime();
    }

    /** Whether any key is active (serve refuses to listen beyond loopback otherwise). */
    boolean anyActive() {
        return current().stream().anyMatch(ApiKey::active);
    }

    /**
     * Authenticates {@code ctx}, checks that its key allows {@code needed} and takes one request from
     * the key's bucket. The key's name is kept on the context for the access log.
     *
     * @throws HttpProblem 401 without a valid key, 403 for a key of another scope, 429 over the limit
     */
    ApiKey require(Context ctx, KeyScope needed) {
        String header = ctx.header("Authorization");
        ApiKey key;
        if (header == null && ctx.cookie(Sessions.COOKIE) != null) {
            key = signedIn(ctx).orElseThrow(() -> HttpProblem.unauthorized(
                    "the dashboard session ended (signed out, expired or its key revoked): sign in again at /login"));
            ctx.attribute(KEY_ATTRIBUTE, key.name() + "(session)");
        } else {
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw HttpProblem.unauthorized("send an API key as 'Authorization: Bearer <key>' (feedback keys create)");
            }
            key = find(header.substring(7).strip())
                    .orElseThrow(() -> HttpProblem.unauthorized("the API key is unknown or revoked"));
            ctx.attribute(KEY_ATTRIBUTE, key.name());
        }
        ctx.attribute(SCOPE_ATTRIBUTE, key.scope().label());
        if (!key.scope().allows(needed)) {
            throw HttpProblem.forbidden("key '" + key.name() + "' has scope " + key.scope().label() + "; this needs "
                    + needed.label() + (needed == KeyScope.ADMIN ? "" : " or admin"));
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key.name(), n -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw HttpProblem.rateLimited(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
        }
        allowOrigin(ctx, key);
        return key;
    }

    /**
     * The key a dashboard session acts as: empty without a live session or when its key was revoked
     * (the key's sessions then end). A request that changes something must come from this server's
     * own pages ({@link Sessions#requireSameOrigin}).
     */
    Optional<ApiKey> signedIn(Context ctx) {
        Optional<dev.feedbackloop.access.SignIn> session = sessions.find(ctx);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = active(session.get().keyName());
        if (key.isEmpty()) {
            sessions.closeAll(session.get().keyName());
            return Optional.empty();
        }
        String method = ctx.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Sessions.requireSameOrigin(ctx);
        }
        return key;
    }

    /** The active key with this secret (the login form's); empty when none. */
    Optional<ApiKey> authenticate(String secret) {
        return find(secret.strip()).filter(ApiKey::active);
    }

    Sessions sessions() {
        return sessions;
    }

    /** A browser's preflight: allowed when some active key allows the origin (the key itself comes later). */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && current().stream().anyMatch(k -> k.active() && k.allowsOrigin(origin))) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.header("Vary", "Origin");
        ctx.status(204);
    }

    /**
     * Lets a browser read the answer of a token route (a vote, or its refusal) when some active key
     * allows the request's origin: a widget can then tell an expired token from a network failure.
     */
    void allowBrowser(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && current().stream().anyMatch(k -> k.active() && k.allowsOrigin(origin))) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
    }

    private static void allowOrigin(Context ctx, ApiKey key) {
        String origin = ctx.header("Origin");
        if (origin != null && key.allowsOrigin(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
    }

    private Optional<ApiKey> find(String secret) {
        Optional<ApiKey> found = ApiKeys.match(secret, current());
        if (found.isEmpty() && System.nanoTime() - loadedAt > RELOAD_NANOS / 10) {
            // a key created a moment ago: look once more, at most ten times a second
            found = ApiKeys.match(secret, reload());
        }
        return found;
    }

    private List<ApiKey> current() {
        return System.nanoTime() - loadedAt > RELOAD_NANOS ? reload() : keys;
    }

    private synchronized List<ApiKey> reload() {
        keys = source.get();
        loadedAt = System.nanoTime();
        return keys;
    }

    /** The active key of this name, from the keys read at most a second ago. */
    Optional<ApiKey> active(String name) {
        return current().stream().filter(k -> k.name().equals(name) && k.active()).findFirst();
    }

    /** Votes one rater may send on one output with a feedback token, per minute: a person changes a vote rarely. */
    static final int VOTES_PER_MINUTE = 30;
    /**
     * How many (output, rater) buckets are kept before those back at a full budget are dropped (such a
     * bucket is the same as a new one), so memory follows the recent voters, not every voter since start.
     */
    static final int MAX_VOTE_BUCKETS = 10_000;

    /**
     * Checks a vote sent with a feedback token: the key that asked for the token is still active and
     * allows {@code origin} (null: not from a browser), and the rater has not voted on this output
     * {@value #VOTES_PER_MINUTE} times in the last minute.
     *
     * @throws HttpProblem 403 for a revoked key or an origin it no longer allows, 429 over the limit
     */
    void admitVote(String keyName, String origin, String outputId, String raterId) {
        ApiKey key = active(keyName)
                .orElseThrow(() -> HttpProblem.forbidden("the key that issued this feedback token was revoked"));
        if (origin != null && !key.allowsOrigin(origin)) {
            throw HttpProblem.forbidden("key '" + keyName + "' no longer allows origin " + origin);
        }
        if (voteBuckets.size() >= MAX_VOTE_BUCKETS) {
            voteBuckets.values().removeIf(b -> b.getAvailableTokens() >= VOTES_PER_MINUTE);
        }
        Bucket bucket = voteBuckets.computeIfAbsent(outputId + "\n" + raterId, n -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(VOTES_PER_MINUTE).refillGreedy(VOTES_PER_MINUTE, Duration.ofMinutes(1))
                        .build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw HttpProblem.rateLimited(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000));
        }
    }

    /** How many (output, rater) vote buckets are kept now. */
    int voteBuckets() {
        return voteBuckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(requestsPerSecond)
                .refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build()).build();
    }
}
