package dev.feedbackloop.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a generic webhook: header {@value #HEADER}{@code : t=UNIX_SECONDS,v1=HEX} where
 * {@code HEX = HMAC-SHA256(secret, t + "." + body)} over the exact bytes of the body. A receiver
 * recomputes it, compares in constant time and refuses a {@code t} further than its window from its
 * own clock (replays of an old, captured request). Stateless, thread-safe.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Feedback-Signature";
    /** The replay window receivers should apply, documented in docs/alerts.md. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code at}. */
    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within {@code window} of
     * {@code now}. False for anything malformed.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration window) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String p = part.trim();
            try {
                if (p.startsWith("t=")) {
                    t = Long.parseLong(p.substring(2));
                } else if (p.startsWith("v1=")) {
                    given = HexFormat.of().parseHex(p.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t == null || given == null || Math.abs(now.getEpochSecond() - t) > window.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), given);
    }

    private static byte[] mac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
