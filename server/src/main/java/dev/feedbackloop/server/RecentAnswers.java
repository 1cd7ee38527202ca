package dev.feedbackloop.server;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Answers expensive reads (statistics, the analysis) from their last result while a newer one is
 * computed in the background: with captures streaming in, every new entry changes the data, and
 * recomputing a scan of a million rows per request would make each read as slow as the scan.
 *
 * <p>The contract, per distinct request (its path and parameters): the first one computes and waits.
 * Later ones get the last result at once, with {@code Age} (seconds since that result was computed,
 * RFC 9111) and {@code Feedback-Computed-At} (ISO-8601) headers. A request that finds the result
 * older than the refresh interval starts one background refresh (never two at a time for the same
 * request). The interval is {@link #MIN_INTERVAL}, or four times as long as the last computation took
 * when that is longer, so refreshing never takes more than about a quarter of one core. A failure
 * (422 when too few entries) is a result like any other and is answered the same way.
 *
 * <p>Thread-safe. Keeps at most {@link #MAX_REQUESTS} distinct requests; beyond that, everything is
 * forgotten and computed again.
 */
final class RecentAnswers implements AutoCloseable {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    static final int MAX_REQUESTS = 256;
    static final String COMPUTED_AT = "Feedback-Computed-At";

    /** A finished computation: JSON text, or the failure to rethrow. */
    private record Result(String json, RuntimeException failure, Instant computedAt, long nanosTaken) {
    }

    private static final class Entry {
        volatile CompletableFuture<Result> current;
        volatile boolean refreshing;
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "read-refresh");
        t.setDaemon(true);
        return t;
    });

    RecentAnswers(Clock clock) {
        this.clock = clock;
    }

    /**
     * Answers {@code ctx} (200 with the JSON) from the last result of {@code key}, computing it with
     * {@code compute} first when there is none and refreshing it in the background when it is old.
     *
     * @throws RuntimeException the failure of the computation the answer comes from
     */
    void answer(Context ctx, String key, Supplier<String> compute) {
        Result r = result(key, compute);
        long age = Math.max(0, Duration.between(r.computedAt, clock.instant()).toSeconds());
        ctx.header("Age", Long.toString(age));
        ctx.header(COMPUTED_AT, r.computedAt.toString());
        if (r.failure != null) {
            throw r.failure;
        }
        Api.json(ctx, 200, r.json);
    }

    private Result result(String key, Supplier<String> compute) {
        if (entries.size() > MAX_REQUESTS) {
            entries.clear();
        }
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        CompletableFuture<Result> first = null;
        synchronized (entry) {
            if (entry.current == null) {
                first = new CompletableFuture<>();
                entry.current = first;
            }
        }
        if (first != null) {
            try {
                first.complete(run(compute));
            } catch (Error e) {
                // never leave waiting requests behind: the next request computes again
                synchronized (entry) {
                    entry.current = null;
                }
                first.completeExceptionally(e);
                throw e;
            }
            return first.join();
        }
        Result last = entry.current.join(); // never fails: a failure is a result
        if (isOld(last)) {
            refresh(entry, compute);
        }
        return last;
    }

    private boolean isOld(Result r) {
        Duration interval = Duration.ofNanos(Math.max(MIN_INTERVAL.toNanos(), 4 * r.nanosTaken));
        return Duration.between(r.computedAt, clock.instant()).compareTo(interval) >= 0;
    }

    private void refresh(Entry entry, Supplier<String> compute) {
        synchronized (entry) {
            if (entry.refreshing) {
                return;
            }
            entry.refreshing = true;
        }
        refresher.execute(() -> {
            try {
                entry.current = CompletableFuture.completedFuture(run(compute));
            } finally {
                entry.refreshing = false;
            }
        });
    }

    private Result run(Supplier<String> compute) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        try {
            return new Result(compute.get(), null, at, System.nanoTime() - start);
        } catch (RuntimeException e) {
            return new Result(null, e, at, System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
