package dev.feedbackloop.analysis;

import dev.feedbackloop.internal.Parallel;
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
        Parallel.run(() -> store.scan(start, middle, older), () -> store.scan(middle, end, newer));
        newer.merge(older);
        return newer;
    }
}
