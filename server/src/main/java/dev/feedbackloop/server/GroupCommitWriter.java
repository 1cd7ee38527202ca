package dev.feedbackloop.server;

import dev.feedbackloop.storage.BatchWriter;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.InsertResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: captures from many requests are written by one thread in one transaction
 * ({@link FeedbackStore#openBatch()}), and each request's future completes only after that
 * transaction committed. So a 2xx always means "on disk", and throughput does not pay one
 * transaction (and one fsync) per request. A group takes whatever is waiting, up to
 * {@link #MAX_GROUP_ROWS} rows.
 *
 * <p>The futures are completed on a few acknowledgement threads, not on the writer's: whatever a
 * request does when its commit is known (write its answer, through {@code ctx.future}) runs there,
 * while the writer already writes the next group. A group's requests are acknowledged in chunks of
 * {@link #ACK_CHUNK}, so a large group is answered by all cores at once.
 *
 * <p>Thread-safe. A failure of the transaction (disk full, database unavailable) fails every
 * request of that group with the same exception; nothing of the group is stored.
 */
final class GroupCommitWriter implements AutoCloseable {
    static final int MAX_GROUP_ROWS = 4_096;
    static final int ACK_CHUNK = 16;

    private record Job(List<EntryRow> rows, CompletableFuture<List<InsertResult>> done) {
    }

    private static final Job STOP = new Job(List.of(), null);

    private final FeedbackStore store;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ExecutorService acknowledgements;
    private final Timer commitTime;
    private final io.micrometer.core.instrument.Counter stored;
    private volatile boolean closed;

    GroupCommitWriter(FeedbackStore store, MeterRegistry metrics) {
        this.store = store;
        this.commitTime = Timer.builder("feedback.db.transaction").description("time of one group-commit transaction")
                .publishPercentileHistogram().register(metrics);
        this.stored = metrics.counter("feedback.captures.stored");
        metrics.gauge("feedback.writer.queue.depth", queue, BlockingQueue::size);
        AtomicInteger ackThreads = new AtomicInteger();
        this.acknowledgements = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "commit-ack-" + ackThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "group-commit");
        thread.start();
    }

    /**
     * Stores {@code rows} in the next group. The future gives one result per row
     * ({@link InsertResult#CONFLICT} for an id stored with other content), or fails with the
     * storage exception that rolled the group back.
     */
    CompletableFuture<List<InsertResult>> submit(List<EntryRow> rows) {
        CompletableFuture<List<InsertResult>> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(HttpProblem.shuttingDown());
            return done;
        }
        queue.add(new Job(rows, done));
        return done;
    }

    int queueDepth() {
        return queue.size();
    }

    private void run() {
        List<Job> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping || !queue.isEmpty()) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                stopping = true;
                continue;
            }
            int rows = group.get(0).rows.size();
            Job next;
            while (rows < MAX_GROUP_ROWS && (next = queue.poll()) != null) {
                group.add(next);
                rows += next.rows.size();
            }
            stopping |= group.removeIf(j -> j == STOP);
            if (!group.isEmpty()) {
                write(group, rows);
            }
            group.clear();
        }
    }

    private void write(List<Job> group, int rowCount) {
        List<EntryRow> rows = new ArrayList<>(rowCount);
        group.forEach(j -> rows.addAll(j.rows));
        List<InsertResult> results;
        long start = System.nanoTime();
        try (BatchWriter w = store.openBatch()) {
            results = w.addAll(rows);
            w.commit();
        } catch (RuntimeException | Error e) {
            List<Job> failed = List.copyOf(group);
            acknowledgements.execute(() -> failed.forEach(j -> j.done.completeExceptionally(e)));
            return;
        } finally {
            commitTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        stored.increment(results.stream().filter(r -> r == InsertResult.INSERTED).count());
        List<Job> jobs = List.copyOf(group);
        int at = 0;
        for (int from = 0; from < jobs.size(); from += ACK_CHUNK) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + ACK_CHUNK));
            int first = at;
            for (Job j : chunk) {
                at += j.rows.size();
            }
            acknowledgements.execute(() -> acknowledge(chunk, results, first));
        }
    }

    private static void acknowledge(List<Job> chunk, List<InsertResult> results, int first) {
        int at = first;
        for (Job j : chunk) {
            j.done.complete(results.subList(at, at + j.rows.size()));
            at += j.rows.size();
        }
    }

    /** Refuses new work, writes and commits everything already submitted, then returns. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a submit that raced with close() and came after the last group is refused, not left waiting
        for (Job late; (late = queue.poll()) != null; ) {
            if (late.done != null) {
                late.done.completeExceptionally(HttpProblem.shuttingDown());
            }
        }
        acknowledgements.shutdown();
        try {
            acknowledgements.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
