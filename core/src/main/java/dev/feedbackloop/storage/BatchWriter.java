package dev.feedbackloop.storage;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Adds rows in order, as {@link #add(EntryRow)} one by one would, with less work per row (bulk
     * imports). A row whose id is stored with other content is not written and gets
     * {@link InsertResult#CONFLICT}; the transaction stays usable.
     *
     * @return one result per row, in order
     */
    default List<InsertResult> addAll(List<EntryRow> rows) {
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (EntryRow row : rows) {
            try {
                results.add(add(row));
            } catch (ConflictException e) {
                results.add(InsertResult.CONFLICT);
            }
        }
        return results;
    }

    void commit();

    /** Rolls back unless committed. */
    @Override
    void close();
}
