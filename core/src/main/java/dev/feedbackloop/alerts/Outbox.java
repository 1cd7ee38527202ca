package dev.feedbackloop.alerts;

import dev.feedbackloop.storage.AlertStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Delivery through an outbox in the database: an event is queued once per destination (its key
 * makes queueing it again a no-op), then sent by {@link #deliverDue()}, by whichever process runs it
 * (the service every few seconds, or a command). A failed send is retried after an exponential
 * backoff with jitter ({@code base * 2^(attempt-1)}, capped, times a random factor in [0.5, 1]);
 * after {@code maxAttempts} it is dead (kept, listed, never sent again). Since the queue, the
 * attempts and the next time are rows, a restart resumes where it stopped; a send claims its row
 * first, so two processes never send the same attempt (the claim outlasts the longest send,
 * {@link Senders#longestSend}, by two send timeouts). A process that dies mid-send leaves a claim
 * that lapses then: the attempt is made again, and receivers drop the repeat by its idempotency key.
 * A destination that fails once in a pass gets no more sends in that pass (its
 * other deliveries stay due): a receiver that hangs costs one send timeout per pass, whatever the
 * number of events waiting for it. Thread-safe.
 */
public final class Outbox {
    /** How deliveries are retried. */
    public record Retry(int maxAttempts, Duration base, Duration max, Duration sendTimeout) {
        public static final Retry DEFAULT = new Retry(8, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(10));

        /** The wait before attempt {@code attempts + 1}, {@code u} uniform in [0, 1). */
        Duration backoff(int attempts, double u) {
            long ms = base.toMillis() << Math.min(30, Math.max(0, attempts - 1));
            ms = Math.min(ms, max.toMillis());
            return Duration.ofMillis((long) (ms * (0.5 + 0.5 * u)));
        }
    }

    private final AlertStore store;
    private final Senders senders;
    private final Clock clock;
    private final Retry retry;
    private final RandomGenerator random;

    public Outbox(AlertStore store, Senders senders, Clock clock, Retry retry, RandomGenerator random) {
        this.store = store;
        this.senders = senders;
        this.clock = clock;
        this.retry = retry;
        this.random = random;
    }

    /**
     * Queues an event for every configured destination (or the one named {@code only}, when not null).
     *
     * @return the deliveries queued now (none when the event was queued before)
     */
    public int queue(String eventKey, String kind, String payloadJson, String only) {
        Instant now = clock.instant();
        List<Delivery> rows = new ArrayList<>();
        for (Destination d : store.destinations()) {
            if (only == null || only.equals(d.name())) {
                rows.add(Delivery.queued(eventKey, d.name(), kind, payloadJson, now));
            }
        }
        return rows.isEmpty() ? 0 : store.enqueue(rows);
    }

    /** What one pass did. */
    public record Pass(int delivered, int retried, int dead) {
    }

    /** Sends every due delivery once (one attempt each). */
    public Pass deliverDue() {
        Map<String, Destination> destinations = store.destinations().stream()
                .collect(Collectors.toMap(Destination::name, Function.identity()));
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        java.util.Set<String> failing = new java.util.HashSet<>();
        for (Delivery d : store.due(clock.instant(), 100)) {
            if (failing.contains(d.destination())) {
                continue;
            }
            Destination to = destinations.get(d.destination());
            if (to == null) {
                store.settle(d.key(), Delivery.State.DEAD, d.nextAt(), null, "destination " + d.destination()
                        + " was removed", clock.instant());
                dead++;
                continue;
            }
            // the claim outlasts the send, so nobody else starts this attempt meanwhile
            Instant until = clock.instant().plus(senders.longestSend(to)).plus(retry.sendTimeout().multipliedBy(2));
            if (!store.claim(d, until)) {
                continue;
            }
            Senders.Answer answer = senders.send(to, d);
            int attempts = d.attempts() + 1;
            Instant now = clock.instant();
            if (answer.delivered()) {
                store.settle(d.key(), Delivery.State.DELIVERED, now, answer.status(), null, now);
                delivered++;
            } else if (attempts >= retry.maxAttempts()) {
                failing.add(d.destination());
                store.settle(d.key(), Delivery.State.DEAD, now, answer.status(), answer.error(), now);
                dead++;
            } else {
                failing.add(d.destination());
                store.settle(d.key(), Delivery.State.PENDING, now.plus(retry.backoff(attempts, random.nextDouble())),
                        answer.status(), answer.error(), now);
                retried++;
            }
        }
        return new Pass(delivered, retried, dead);
    }
}
