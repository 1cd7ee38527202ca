package dev.feedbackloop.alerts;

import java.time.Instant;

/**
 * One event (an alert, a review, a test) for one destination, as kept in the outbox.
 *
 * @param key        {@code eventKey + "/" + destination}: the row's identity
 * @param eventKey   the idempotency key sent with every attempt, so receivers can drop repeats
 * @param kind       alert, review or test
 * @param payload    the event's JSON, the same for every destination (each formats it its own way)
 * @param attempts   sends started so far
 * @param nextAt     when a pending delivery is due (or, while a send runs, when its claim lapses)
 * @param lastStatus what the destination answered last (HTTP status, SMTP reply); null before any
 * @param lastError  why the last attempt failed; null when it did not
 */
public record Delivery(String key, String eventKey, String destination, String kind, String payload, State state,
        int attempts, Instant nextAt, Instant createdAt, Instant updatedAt, String lastStatus, String lastError) {

    public enum State {
        PENDING, DELIVERED, DEAD;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State parse(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A new pending delivery, due at {@code at}. */
    public static Delivery queued(String eventKey, String destination, String kind, String payload, Instant at) {
        return new Delivery(eventKey + "/" + destination, eventKey, destination, kind, payload, State.PENDING, 0, at, at,
                at, null, null);
    }
}
