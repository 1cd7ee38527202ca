package dev.feedbackloop.suggestions;

import com.anthropic.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's wait between retries, bounded by a deadline: a wait (the server's {@code retry-after},
 * else the SDK's exponential backoff) that would end past the deadline, or any wait after
 * {@link #cancel()}, throws {@link SourceUnavailableException} ({@code timeout}) instead, so no
 * retry is sent once the caller has given up. Thread-safe.
 */
final class DeadlineSleeper implements Sleeper {
    private final Instant deadline;
    private final Duration limit;
    private final Clock clock;
    private volatile boolean cancelled;

    DeadlineSleeper(Instant deadline, Duration limit, Clock clock) {
        this.deadline = deadline;
        this.limit = limit;
        this.clock = clock;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public void sleep(Duration wait) {
        check(wait);
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(SourceUnavailableException.TIMEOUT, "interrupted while waiting to retry");
        }
        check(Duration.ZERO);
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration wait) {
        check(wait);
        return CompletableFuture.runAsync(() -> check(Duration.ZERO),
                CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
    }

    private void check(Duration wait) {
        if (cancelled) {
            throw new SourceUnavailableException(SourceUnavailableException.TIMEOUT,
                    "no answer within the " + seconds(limit) + " limit");
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (wait.compareTo(left) > 0) {
            throw new SourceUnavailableException(SourceUnavailableException.TIMEOUT, "the next retry would start after "
                    + seconds(wait) + ", past the " + seconds(limit) + " limit (" + seconds(left.isNegative()
                    ? Duration.ZERO : left) + " left)");
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
