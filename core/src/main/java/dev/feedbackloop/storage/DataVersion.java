package dev.feedbackloop.storage;

/**
 * Identifies the stored data for cache validity and incremental reading: the row id up to which
 * the table is final, the number of changes (rows that left the feedback table: replaced votes,
 * deletions) and the highest row id visible. New feedback raises the ids, a replacement or deletion
 * the changes, so any change to what is counted changes the version. Cheap to read (index probes).
 *
 * @param maxId   the row id at or below which no row can appear any more ({@link FeedbackStore}'s
 *                "no reader may skip a row"): where an incremental reader may move its position. The
 *                highest row id, unless a write transaction that is still open may hold a lower one
 *                (PostgreSQL). May fall when the newest row is deleted.
 * @param changes the sequence number of the latest change ({@link FeedbackStore#changesAfter}); 0 for none
 * @param newest  the highest row id visible ({@code >= maxId}): rows above {@code maxId} are counted by a
 *                computation that reads everything, so a cached result must also name this
 */
public record DataVersion(long maxId, long changes, long newest) {
    public DataVersion {
        newest = Math.max(newest, maxId);
    }

    /** No write transaction open: everything visible is final. */
    public DataVersion(long maxId, long changes) {
        this(maxId, changes, maxId);
    }

    public DataVersion(long maxId) {
        this(maxId, 0);
    }

    /**
     * Text for cache keys; a database that never changed keeps the tokens it had before changes existed,
     * and one with no write open those it had before {@code newest} existed.
     */
    public String token() {
        String settled = changes == 0 ? Long.toString(maxId) : maxId + "." + changes;
        return newest == maxId ? settled : settled + "~" + newest;
    }
}
