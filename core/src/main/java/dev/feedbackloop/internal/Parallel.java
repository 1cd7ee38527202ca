package dev.feedbackloop.internal;

import dev.feedbackloop.FeedbackLoopException;

/** Runs two independent tasks at once: one on a new thread, one on the caller's. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Returns when both have finished; rethrows the first failure (the caller's task's first).
     * The tasks must not share mutable state.
     */
    public static void run(Runnable other, Runnable mine) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = new Thread(() -> {
            try {
                other.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "feedback-analysis");
        worker.setDaemon(true);
        worker.start();
        try {
            mine.run();
        } finally {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedbackLoopException("interrupted while analysing", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
