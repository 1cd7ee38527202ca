package dev.feedbackloop.storage;

/**
 * Identifies the stored data for cache validity and incremental reading: the row id up to which
 * the table is final, the number of changes (rows that left the feedback table: replaced votes,
 * deletions) and how many visible rows lie above that id. New feedback raises the id or the rows
 * above it, a replacement or deletion the changes, so any change to what is counted changes the
 * version. Cheap to read (index probes).
 *
 * @param maxId   the row id at or below which no row can appear any more ({@link FeedbackStore}'s
 *                "no reader may skip a row"): where an incremental reader may move its position. The
 *                highest row id, unless a write transaction that is still open may hold a lower one
 *                (PostgreSQL). Never falls while {@code changes} stays the same (it may fall when the
 *                newest row is deleted, which is a change).
 * @param changes the sequence number of the latest change ({@link FeedbackStore#changesAfter}); 0 for none
 * @param above   the rows visible with an id above {@code maxId} (0 unless a write is open): a computation
 *                that reads everything counts them, so a cached result names them too. While {@code maxId}
 *                and {@code changes} stay the same, rows above only arrive, so their number tells the sets apart.
 */
public record DataVersion(long maxId, long changes, long above) {
    /** No write transaction open: everything visible is final. */
    public DataVersion(long maxId, long changes) {
        this(maxId, changes, 0);
    }

    public DataVersion(long maxId) {
        this(maxId, 0);
    }

    /**
     * Text for cache keys; a database that never changed keeps the tokens it had before changes existed,
     * and one with no write open those it had before {@code above} existed.
     */
    public String token() {
        String settled = changes == 0 ? Long.toString(maxId) : maxId + "." + changes;
        return above == 0 ? settled : settled + "+" + above;
    }
}
