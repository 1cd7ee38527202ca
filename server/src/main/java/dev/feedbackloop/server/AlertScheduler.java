package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.alerts.Alerts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The service's scheduler: every {@code every}, one {@link Alerts#tick} (due reviews and looks for
 * drops, under leases in the database; then due deliveries) on a thread of its own, so a slow or
 * hanging receiver never holds a request thread (each send is bounded by its timeout besides).
 * A failed tick is logged and the next one tries again. Metrics: {@code feedback.alerts.deliveries}
 * (by result: delivered, retried, dead), {@code feedback.alerts.runs} (schedules run) and
 * {@code feedback.alerts.tick.failures}.
 */
final class AlertScheduler implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feedback-alerts");
        t.setDaemon(true);
        return t;
    });
    /** This instance's name in schedule leases. */
    private final String holder = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    /** Only touched on the scheduler's thread. */
    private String lastFailure;

    AlertScheduler(FeedbackLoop loop, Duration every, Consumer<String> log, MeterRegistry metrics) {
        Counter delivered = metrics.counter("feedback.alerts.deliveries", "result", "delivered");
        Counter retried = metrics.counter("feedback.alerts.deliveries", "result", "retried");
        Counter dead = metrics.counter("feedback.alerts.deliveries", "result", "dead");
        Counter runs = metrics.counter("feedback.alerts.runs");
        Counter failures = metrics.counter("feedback.alerts.tick.failures");
        thread.scheduleWithFixedDelay(() -> {
            try {
                // made on the scheduler's thread: wiring alerts (cron, HTTP client) never delays /ready
                Alerts.Tick t = loop.alerts().tick(holder);
                lastFailure = null;
                delivered.increment(t.delivered().delivered());
                retried.increment(t.delivered().retried());
                dead.increment(t.delivered().dead());
                runs.increment(t.ran().size());
                if (!t.ran().isEmpty()) {
                    log.accept("alerts: ran " + String.join(", ", t.ran()));
                }
                if (t.delivered().delivered() + t.delivered().retried() + t.delivered().dead() > 0) {
                    log.accept("alerts: delivered " + t.delivered().delivered() + ", to retry " + t.delivered().retried()
                            + ", dead " + t.delivered().dead());
                }
            } catch (VirtualMachineError e) {
                // out of memory or stack: said once, then the thread ends (ticks stop rather than thrash)
                log.accept("alerts: scheduler stopped: " + e);
                throw e;
            } catch (RuntimeException | Error e) {
                // anything else (a LinkageError from a missing class, an assertion) must not end the
                // periodic task silently: a scheduled task that throws is never run again
                failures.increment();
                // a lasting failure (a read-only database) is logged once, not every few seconds
                if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                    log.accept("alerts: scheduler tick failed (tried again every " + every.toMillis() + " ms): " + e.getMessage());
                }
                lastFailure = String.valueOf(e.getMessage());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a tick in progress is interrupted. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
