package dev.feedbackloop.access;

import dev.feedbackloop.ForbiddenException;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.RatedOutput;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.FeedbackStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feedback tokens: how a browser votes on one output without holding an API key. The application's
 * backend (with a capture key) asks for a token for an output it shows; the output is kept
 * ({@link FeedbackStore#keepOutput}) and the token names it, the rater, the origins allowed to use it
 * and when it expires, signed with HMAC-SHA256 under a secret kept in the database (made on first
 * use: every instance on one database shares it). The browser sends only the vote with the token,
 * so it cannot forge the prompt or the output; a token can be used again to change the vote (the
 * later vote replaces the earlier one), never to rate another output.
 *
 * <p>Token format: {@code v1.<payload>.<signature>}, both base64url without padding; the payload is
 * JSON {@code {"o": output_id, "r": rater_id, "k": key name, "exp": epoch seconds, "origins": [...]}}:
 * the key that asked, so that revoking it revokes its tokens. Thread-safe.
 */
public final class FeedbackTokens {
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final Duration MAX_TTL = Duration.ofDays(30);
    static final String SECRET_SETTING = "feedback-token-secret/v1";
    private static final String PREFIX = "v1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FeedbackStore store;
    private final Clock clock;
    private volatile byte[] secret;

    public FeedbackTokens(FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * What a token grants: votes on one output, as one rater, from these origins, until it expires,
     * for as long as the key that asked for it ({@code keyName}) is not revoked.
     */
    public record Grant(String outputId, String raterId, String keyName, List<String> origins, Instant expiresAt) {
        public Grant {
            Objects.requireNonNull(outputId, "outputId");
            Objects.requireNonNull(raterId, "raterId");
            Objects.requireNonNull(keyName, "keyName");
            origins = List.copyOf(origins);
        }
    }

    /** A token and what it grants. */
    public record Issued(String token, Grant grant) {
    }

    /**
     * Keeps {@code output} and issues a token for votes on it.
     *
     * @param raterId who will vote (the application's user id); null for an anonymous rater, who gets
     *                a random id
     * @param keyName the key that asks (its revocation revokes the token)
     * @param origins browser origins allowed to send the vote (those of the key that asked)
     * @param ttl     how long the token is valid: up to {@link #MAX_TTL}
     * @throws InvalidInputException for a bad ttl or rater id
     * @throws dev.feedbackloop.ConflictException when the output id is kept with other content
     */
    public Issued issue(RatedOutput output, String raterId, String keyName, List<String> origins, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidInputException("ttl_seconds must be from 1 to " + MAX_TTL.toSeconds(), "ttl_seconds");
        }
        if (raterId != null && (raterId.isBlank() || raterId.length() > 200)) {
            throw new InvalidInputException("rater_id must be 1-200 characters", "rater_id");
        }
        store.keepOutput(output);
        String rater = raterId != null ? raterId : "anon-" + randomId();
        Grant grant = new Grant(output.outputId(), rater, keyName, origins,
                clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("o", grant.outputId());
        payload.put("r", grant.raterId());
        payload.put("k", grant.keyName());
        payload.put("exp", grant.expiresAt().getEpochSecond());
        payload.put("origins", grant.origins());
        String body = PREFIX + B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return new Issued(body + "." + B64.encodeToString(sign(body)), grant);
    }

    /**
     * Checks a token: its signature (in constant time), its expiry, and that {@code origin} (the
     * request's Origin header; null when not sent by a browser) is one it allows.
     *
     * @throws ForbiddenException when the token is malformed, forged, expired or not for this origin
     */
    public Grant verify(String token, String origin) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 4096) {
            throw new ForbiddenException("not a feedback token");
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            throw new ForbiddenException("not a feedback token");
        }
        String body = token.substring(0, dot);
        byte[] given;
        Map<String, Object> payload;
        try {
            given = B64_DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, sign(body))) {
                throw new ForbiddenException("the feedback token's signature does not match: it was altered or "
                        + "issued by another deployment");
            }
            payload = Json.parseObject(new String(B64_DECODE.decode(body.substring(PREFIX.length())),
                    StandardCharsets.UTF_8), "token payload");
        } catch (IllegalArgumentException | InvalidInputException e) {
            throw new ForbiddenException("not a feedback token");
        }
        Grant grant = grant(payload);
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw new ForbiddenException("the feedback token expired at " + grant.expiresAt() + "; ask for a new one");
        }
        if (origin != null && !grant.origins().contains(origin)) {
            throw new ForbiddenException("the feedback token does not allow origin " + origin);
        }
        return grant;
    }

    /**
     * The vote a token holder sends, made into an entry: prompt, output and context from the kept
     * output, output_id and rater_id from the grant; the body gives only rating, thumbs_up, notes
     * and tags.
     *
     * @throws InvalidInputException when the body tries to set anything else, or breaks a rule
     * @throws dev.feedbackloop.NotFoundException when the output is no longer kept
     */
    public FeedbackEntry.Builder vote(Grant grant, Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!List.of("rating", "thumbs_up", "notes", "tags").contains(key)) {
                throw new InvalidInputException("a vote with a feedback token gives only rating, thumbs_up, notes and tags;"
                        + " '" + key + "' comes from the token", key);
            }
        }
        RatedOutput output = store.output(grant.outputId()).orElseThrow(() -> new dev.feedbackloop.NotFoundException(
                "the output '" + grant.outputId() + "' of this token is no longer kept"));
        Map<String, Object> fields = new LinkedHashMap<>(body);
        fields.put("prompt", output.prompt());
        fields.put("output", output.output());
        fields.put("context", output.context());
        return dev.feedbackloop.transfer.EntryJson.builder(fields, clock.getZone())
                .outputId(grant.outputId()).raterId(grant.raterId());
    }

    @SuppressWarnings("unchecked")
    private static Grant grant(Map<String, Object> p) {
        Object o = p.get("o");
        Object r = p.get("r");
        Object k = p.get("k");
        Object exp = p.get("exp");
        Object origins = p.get("origins");
        if (!(o instanceof String) || !(r instanceof String) || !(k instanceof String) || !(exp instanceof Number)
                || !(origins instanceof List)) {
            throw new ForbiddenException("not a feedback token");
        }
        return new Grant((String) o, (String) r, (String) k, (List<String>) origins,
                Instant.ofEpochSecond(((Number) exp).longValue()));
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            s = Base64.getDecoder().decode(store.settingIfAbsent(SECRET_SETTING, Base64.getEncoder().encodeToString(fresh)));
            secret = s;
        }
        return s;
    }

    private static String randomId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }
}
