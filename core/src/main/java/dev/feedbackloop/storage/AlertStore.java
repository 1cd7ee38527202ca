package dev.feedbackloop.storage;

import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tables of alerts, their delivery and scheduled reviews ({@link FeedbackStore#alertStore()}).
 * Every method is one transaction; thread-safe; several processes may share the database.
 */
public interface AlertStore {

    /** Keeps an alert under {@code key} unless one is kept there; true when it was new. */
    boolean saveAlert(String key, Instant raisedAt, String json);

    /** The JSON of the latest {@code limit} alerts, newest first. */
    List<String> alerts(int limit);

    /**
     * Adds a destination.
     *
     * @throws dev.feedbackloop.ConflictException when one has that name
     */
    void addDestination(Destination destination);

    /** Every destination, oldest first, secrets included (for sending; never show them). */
    List<Destination> destinations();

    /** False when none has that name. */
    boolean removeDestination(String name);

    /** Queues deliveries; those whose key is queued already are left as they are. Returns how many were new. */
    int enqueue(List<Delivery> deliveries);

    /** Pending deliveries due at {@code now} (next_at &lt;= now), oldest due first, at most {@code limit}. */
    List<Delivery> due(Instant now, int limit);

    /**
     * Claims a due delivery for one send: when it is still pending with the same attempts and next_at as
     * {@code seen}, counts the attempt and moves next_at to {@code until} (so nobody else sends it
     * meanwhile, and it is tried again if this process dies). False when someone else claimed it.
     */
    boolean claim(Delivery seen, Instant until);

    /** Records the end of an attempt: delivered, dead, or pending again at {@code nextAt}. */
    void settle(String key, Delivery.State state, Instant nextAt, String status, String error, Instant at);

    /** The latest {@code limit} deliveries (any state), newest first. */
    default List<Delivery> deliveries(int limit) {
        return deliveries(limit, null);
    }

    /** The latest {@code limit} deliveries in {@code state} (null: any), newest first. */
    List<Delivery> deliveries(int limit, Delivery.State state);

    /**
     * Takes the lease to run schedule {@code name}'s {@code slot}: true when that slot is after the last
     * one done and nobody else holds an unexpired lease (or {@code holder} holds it). The lease lasts
     * until {@code until}.
     */
    boolean claimRun(String name, Instant slot, String holder, Instant now, Instant until);

    /** Marks {@code slot} done and releases the lease, when {@code holder} holds it. */
    void finishRun(String name, Instant slot, String holder);

    /** The last slot done; empty when the schedule never ran. */
    Optional<Instant> lastRun(String name);
}
