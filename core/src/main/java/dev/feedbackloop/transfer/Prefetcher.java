package dev.feedbackloop.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link RecordReader} on its own thread, a few batches ahead of the consumer, so parsing
 * and storing overlap (two cores). The consumer sees the reader's batches in order; a failure of the
 * reader is rethrown from {@link #next()}. One consumer thread.
 */
final class Prefetcher implements AutoCloseable {
    private static final Object END = new Object();
    private static final int AHEAD = 16;

    private final RecordReader reader;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile long bytesRead;
    private boolean ended;

    Prefetcher(RecordReader reader) {
        this.reader = reader;
        this.thread = new Thread(this::run, "import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                List<ParsedRecord> batch = reader.next();
                bytesRead = reader.bytesRead();
                if (batch.isEmpty()) {
                    queue.put(END);
                    return;
                }
                queue.put(batch);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the import file", e);
        }
        if (o == END) {
            ended = true;
            return List.of();
        }
        if (o instanceof RuntimeException) {
            ended = true;
            throw (RuntimeException) o;
        }
        if (o instanceof Error) {
            ended = true;
            throw (Error) o;
        }
        return (List<ParsedRecord>) o;
    }

    /** Bytes the reader has consumed (it runs ahead of what {@link #next()} returned). */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
