package dev.feedbackloop.server;

import dev.feedbackloop.lifecycle.Deletion;
import dev.feedbackloop.lifecycle.Retention;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code feedback serve --retention AGE}: applies {@link Retention} at start and then looks every ten
 * minutes whether a new day (of the loop's clock) has begun, when it purges again. A failed purge is
 * logged and tried again at the next look. Closing stops it (a purge under way finishes first).
 */
public final class RetentionTask implements AutoCloseable {
    static final long PERIOD_MINUTES = 10;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    private RetentionTask(Retention retention, Consumer<String> log) {
        executor.scheduleWithFixedDelay(() -> run(retention, log), 0, PERIOD_MINUTES, TimeUnit.MINUTES);
    }

    public static RetentionTask start(Retention retention, Consumer<String> log) {
        return new RetentionTask(retention, log);
    }

    private static void run(Retention retention, Consumer<String> log) {
        try {
            retention.applyIfDue().ifPresent((Deletion d) -> log.accept("feedback: retention " + retention.keep().toDays()
                    + " days: deleted " + d.entries() + " entries, " + d.replacedVotes() + " replaced votes, "
                    + d.keptOutputs() + " kept outputs"));
        } catch (RuntimeException e) {
            log.accept("feedback: retention purge failed (tried again in " + PERIOD_MINUTES + " minutes): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
