package dev.feedbackloop.analysis;

import dev.feedbackloop.storage.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Aggregates a window with two scans in parallel (its older and newer half, each on its own
 * connection), then merges them: the result equals one scan, in about half the time on two cores.
 */
public final class WindowScan {
    /** Windows shorter than this are scanned in one pass (threads cost more than they save). */
    static final Duration SPLIT_FROM = Duration.ofHours(12);

    private WindowScan() {
    }

    /**
     * @throws dev.feedbackloop.StorageException when either scan fails
     */
    public static WindowAggregate aggregate(FeedbackStore store, Instant start, Instant end,
            Supplier<WindowAggregate> fresh) {
        WindowAggregate newer = fresh.get();
        if (Duration.between(start, end).compareTo(SPLIT_FROM) < 0) {
            store.scan(start, end, newer);
            return newer;
        }
        Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
        WindowAggregate older = fresh.get();
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = new Thread(() -> {
            try {
                store.scan(start, middle, older);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "feedback-scan");
        worker.setDaemon(true);
        worker.start();
        store.scan(middle, end, newer);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.feedbackloop.FeedbackLoopException("interrupted while scanning", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        newer.merge(older);
        return newer;
    }
}
