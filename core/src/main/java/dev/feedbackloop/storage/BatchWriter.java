package dev.feedbackloop.storage;

import dev.feedbackloop.capture.FeedbackEntry;

/**
 * One write transaction. Nothing is visible to others until {@link #commit()}; closing without
 * committing rolls everything back. Not thread-safe: one thread drives it; other writers wait
 * (the store's busy timeout) until it ends.
 */
public interface BatchWriter extends AutoCloseable {
    /**
     * @throws dev.feedbackloop.ConflictException when the id exists with different content; the
     *         transaction stays usable (the conflicting entry is simply not written)
     */
    default InsertResult add(FeedbackEntry entry) {
        return add(EntryRow.of(entry));
    }

    /**
     * Same as {@link #add(FeedbackEntry)} for a row whose columns were computed elsewhere (another thread).
     *
     * @throws dev.feedbackloop.ConflictException as {@link #add(FeedbackEntry)}
     */
    InsertResult add(EntryRow row);

    void commit();

    /** Rolls back unless committed. */
    @Override
    void close();
}
