package dev.feedbackloop.storage;

/**
 * Identifies the stored data for cache validity: the highest row id and the number of changes
 * (rows that left the feedback table: replaced votes, deletions). New feedback raises the first, a
 * replacement or deletion the second, so any change to what is counted changes the version. Cheap
 * to read (two index probes).
 *
 * @param maxId   the highest row id in the feedback table (may fall when the newest row is deleted)
 * @param changes the sequence number of the latest change ({@link FeedbackStore#changesAfter}); 0 for none
 */
public record DataVersion(long maxId, long changes) {
    public DataVersion(long maxId) {
        this(maxId, 0);
    }

    /** Text for cache keys; a database that never changed keeps the tokens it had before changes existed. */
    public String token() {
        return changes == 0 ? Long.toString(maxId) : maxId + "." + changes;
    }
}
