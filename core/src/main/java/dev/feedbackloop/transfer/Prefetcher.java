package dev.feedbackloop.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link RecordReader} on threads of its own, a few batches ahead of the consumer, so that
 * reading and storing overlap: one thread takes the reader's batches in file order
 * ({@link RecordReader#nextTask}) and hands them to {@code parsers} threads, which may parse several
 * at once. The consumer sees the batches in file order whatever order they were parsed in; a failure
 * of the reader or of a parse is rethrown from {@link #next()} where its batch would have been. One
 * consumer thread.
 */
final class Prefetcher implements AutoCloseable {
    private static final Object END = new Object();
    private static final int AHEAD = 16;

    private final RecordReader reader;
    /** Batches in file order: a {@code Future} of one, {@link #END}, or what the reading thread threw. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final ExecutorService parsers;
    private final Thread thread;
    private volatile long bytesRead;
    private boolean ended;

    /** With as many parsing threads as the machine has processors. */
    Prefetcher(RecordReader reader) {
        this(reader, Runtime.getRuntime().availableProcessors());
    }

    Prefetcher(RecordReader reader, int parsers) {
        this.reader = reader;
        AtomicInteger n = new AtomicInteger();
        this.parsers = Executors.newFixedThreadPool(Math.max(1, parsers), r -> {
            Thread t = new Thread(r, "import-parser-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                var task = reader.nextTask();
                bytesRead = reader.bytesRead();
                if (task == null) {
                    queue.put(END);
                    return;
                }
                queue.put(parsers.submit(task));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            offer(new UncheckedIOException(e));
        } catch (RuntimeException | Error e) {
            offer(e);
        }
    }

    private void offer(Throwable t) {
        try {
            queue.put(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch; empty at the end of the file. Rethrows what the reader threw. */
    @SuppressWarnings("unchecked")
    List<ParsedRecord> next() {
        if (ended) {
            return List.of();
        }
        Object o;
        try {
            o = queue.take();
            if (o instanceof Future) {
                return ((Future<List<ParsedRecord>>) o).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the import file", e);
        } catch (ExecutionException e) {
            o = e.getCause() instanceof IOException ? new UncheckedIOException((IOException) e.getCause()) : e.getCause();
        }
        ended = true;
        if (o instanceof RuntimeException) {
            throw (RuntimeException) o;
        }
        if (o instanceof Error) {
            throw (Error) o;
        }
        if (o != END) {
            throw new IllegalStateException("reading the import file failed", (Throwable) o);
        }
        return List.of();
    }

    /** Bytes the reader has consumed (it runs ahead of what {@link #next()} returned). */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        parsers.shutdownNow();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
