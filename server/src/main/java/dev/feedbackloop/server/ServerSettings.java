package dev.feedbackloop.server;

import java.time.Duration;

/**
 * How {@code feedback serve} listens.
 *
 * @param port            0 picks a free port ({@link FeedbackServer#port()} tells which)
 * @param maxBodyBytes    larger request bodies get 413 (default 1 MiB)
 * @param requestsPerSecond per API key; the bucket holds one second's worth, so short bursts pass
 * @param idleTimeout     a connection that sends or reads nothing for this long is closed, so a slow
 *                        client cannot hold a worker
 * @param alertTick       how often the scheduler of reviews, alerts and deliveries runs, on a thread of its own
 *                        (null: no scheduler)
 */
public record ServerSettings(String host, int port, long maxBodyBytes, long requestsPerSecond, Duration idleTimeout,
        Duration alertTick) {
    public static final long DEFAULT_MAX_BODY = 1 << 20;
    public static final long DEFAULT_RATE = 50_000;
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

    /** Without the scheduler. */
    public ServerSettings(String host, int port, long maxBodyBytes, long requestsPerSecond, Duration idleTimeout) {
        this(host, port, maxBodyBytes, requestsPerSecond, idleTimeout, null);
    }

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxBodyBytes < 1 || requestsPerSecond < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (alertTick != null && (alertTick.isNegative() || alertTick.isZero())) {
            throw new IllegalArgumentException("the scheduler's interval must be positive");
        }
    }

    public static ServerSettings defaults(String host, int port) {
        return new ServerSettings(host, port, DEFAULT_MAX_BODY, DEFAULT_RATE, DEFAULT_IDLE);
    }

    public ServerSettings withIdleTimeout(Duration timeout) {
        return new ServerSettings(host, port, maxBodyBytes, requestsPerSecond, timeout, alertTick);
    }

    public ServerSettings withRequestsPerSecond(long rate) {
        return new ServerSettings(host, port, maxBodyBytes, rate, idleTimeout, alertTick);
    }

    public ServerSettings withMaxBodyBytes(long bytes) {
        return new ServerSettings(host, port, bytes, requestsPerSecond, idleTimeout, alertTick);
    }

    /** Runs the scheduler of reviews, alerts and deliveries every {@code every} (null: none). */
    public ServerSettings withAlertTick(Duration every) {
        return new ServerSettings(host, port, maxBodyBytes, requestsPerSecond, idleTimeout, every);
    }
}
