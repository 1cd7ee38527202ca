package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.StorageException;
import dev.feedbackloop.storage.DataVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The data version on PostgreSQL: the final id ({@link DataVersion#maxId()}) is the lower of the highest
 * visible id and the lowest value announced by a write still open ({@link PgConnections#FINAL_ID}), read in
 * that order (see {@code PostgresFeedbackStore}, commit order). Thread-safe.
 *
 * <p>A writer reads the sequence's last value a moment before its announcement shows in {@code pg_locks}; a
 * version read in between may name a final id above a value announced just after. That id stays final (the
 * writer draws above it), so the versions this store hands out never fall while the changes stay the same:
 * each is at least the last one. When nothing was committed since a version with no write open, it is
 * handed out again without asking {@code pg_locks} (reading it takes every lock partition for a moment).
 */
final class PgVersions {
    private static final String NEWEST = "SELECT (SELECT max(id) FROM feedback), (SELECT max(seq) FROM changes)";
    /** The lowest open announcement, and how many ids the id sequence hands a session at once. */
    private static final String ANNOUNCED = "SELECT (" + PgConnections.FINAL_ID + "), (SELECT seqcache FROM pg_sequence"
            + " WHERE seqrelid = pg_get_serial_sequence('feedback', 'id')::regclass)";
    private static final String ABOVE = "SELECT count(*) FROM feedback WHERE id > ?";

    private DataVersion last;

    /** Reads the version in the caller's (read) transaction. */
    DataVersion read(Connection c) throws SQLException {
        long newest;
        long changes;
        try (PreparedStatement ps = c.prepareStatement(NEWEST); ResultSet rs = ps.executeQuery()) {
            rs.next();
            newest = rs.getLong(1);
            changes = rs.getLong(2);
        }
        DataVersion before = last();
        if (before != null && before.changes() == changes && before.above() == 0 && before.maxId() == newest) {
            return before; // nothing committed since, and no write was open then: a write open now announces >= newest
        }
        long finalId = newest;
        try (PreparedStatement ps = c.prepareStatement(ANNOUNCED); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long announced = rs.getLong(1);
            if (!rs.wasNull()) {
                finalId = Math.min(newest, announced);
            }
            long cache = rs.getLong(2);
            if (cache > 1) {
                // a session would draw ids from a range taken earlier, below what it announces
                throw new StorageException("the feedback id sequence hands out " + cache + " ids at a time: set it back"
                        + " to one (ALTER TABLE feedback ALTER COLUMN id SET CACHE 1); readers would skip rows otherwise");
            }
        }
        // never below a final id handed out before with the same changes (another thread may hand out a
        // higher one meanwhile: then counted again above that one)
        while (true) {
            DataVersion now = last();
            if (now != null && now.changes() == changes) {
                finalId = Math.max(finalId, now.maxId());
            }
            long above = 0;
            if (finalId < newest) {
                try (PreparedStatement ps = PgRows.prepare(c, ABOVE, finalId); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    above = rs.getLong(1);
                }
            }
            DataVersion v = new DataVersion(finalId, changes, above);
            if (remember(v)) {
                return v;
            }
        }
    }

    private synchronized DataVersion last() {
        return last;
    }

    /**
     * Keeps {@code v} as the last version (unless another thread kept one with later changes meanwhile),
     * or false when another thread kept one with the same changes and a higher final id: {@code v} must
     * not be handed out then.
     */
    private synchronized boolean remember(DataVersion v) {
        if (last != null && last.changes() == v.changes() && last.maxId() > v.maxId()) {
            return false;
        }
        if (last == null || last.changes() <= v.changes()) {
            last = v;
        }
        return true;
    }
}
