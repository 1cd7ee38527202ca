package dev.feedbackloop.storage.sqlite;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Timestamps;
import dev.feedbackloop.storage.EntryColumns;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Insert-if-absent by feedback_id, telling an idempotent repeat from a conflict. */
final class Inserter {
    static final String INSERT = "INSERT INTO feedback (" + EntryColumns.INSERT_COLUMNS + ") VALUES ("
            + EntryColumns.INSERT_PARAMS + ") ON CONFLICT (feedback_id) DO NOTHING";
    static final String BY_ID = "SELECT " + EntryColumns.SELECT_COLUMNS + " FROM feedback WHERE feedback_id = ?";

    private Inserter() {
    }

    /** The columns a row keeps in {@code feedback_history} (the entry, without derived columns). */
    private static final String HISTORY_COLUMNS =
            "id, feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes, output_id, rater_id";
    private static final String OTHER_VOTE = "output_id = ? AND rater_id = ? AND feedback_id <> ?";

    /**
     * Before a vote is stored: moves the same rater's earlier vote on the same output (one with
     * another feedback_id) to {@code feedback_history} and logs the change, so only the latest vote
     * is counted. In the caller's transaction; a no-op for entries that are not votes, and for a
     * feedback_id already stored (its insert is then a retry or a conflict, which must change nothing).
     * The later stored vote wins, whatever the timestamps say.
     */
    static void replaceEarlierVote(Connection c, FeedbackEntry entry, Instant now) throws SQLException {
        if (!entry.isVote() || findById(c, entry.feedbackId()).isPresent()
                || SqliteChanges.replaced(c, entry.feedbackId()).isPresent()) {
            return;
        }
        Object[] vote = {entry.outputId(), entry.raterId(), entry.feedbackId()};
        int moved = SqliteRows.update(c, "INSERT INTO feedback_history (" + HISTORY_COLUMNS + ", replaced_at, replaced_by)"
                + " SELECT " + HISTORY_COLUMNS + ", ?, ? FROM feedback WHERE " + OTHER_VOTE,
                concat(new Object[] {Timestamps.format(now), entry.feedbackId()}, vote));
        if (moved > 0) {
            leave(c, "replaced", now, OTHER_VOTE, vote);
        }
    }

    /** Deletes one entry by id and logs the change at {@code now}; empty when there is none. In the caller's transaction. */
    static Optional<FeedbackEntry> delete(Connection c, String feedbackId, Instant now) throws SQLException {
        Optional<FeedbackEntry> found = findById(c, feedbackId);
        if (found.isPresent()) {
            leave(c, "deleted", now, "feedback_id = ?", feedbackId);
        }
        return found;
    }

    /**
     * Rows leave the feedback table: each is logged in {@code changes} with its timestamp (what
     * incremental readers follow, see {@link SqliteChanges}), then deleted.
     */
    private static void leave(Connection c, String kind, Instant now, String where, Object... values)
            throws SQLException {
        SqliteRows.update(c, "INSERT INTO changes (kind, entry_timestamp, at) SELECT ?, timestamp, ? FROM feedback"
                + " WHERE " + where, concat(new Object[] {kind, Timestamps.format(now)}, values));
        SqliteRows.update(c, "DELETE FROM feedback WHERE " + where, values);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A vote that was stored and later replaced, by its feedback_id. A late retry of it must not
     * bring it back over the newer vote: it is UNCHANGED (CONFLICT with other content). Its stored
     * time counts, as for any retry.
     */
    private static Optional<InsertResult> retryOfReplacedVote(Connection c, FeedbackEntry entry) throws SQLException {
        if (!entry.isVote()) {
            return Optional.empty();
        }
        Optional<FeedbackEntry> old = SqliteChanges.replaced(c, entry.feedbackId());
        return old.map(o -> o.sameContentAs(entry.withTimestamp(o.timestamp())) ? InsertResult.UNCHANGED
                : InsertResult.CONFLICT);
    }

    /**
     * One entry, in the caller's transaction; a vote it replaces leaves at {@code now}.
     *
     * @throws ConflictException as {@link #unlessConflict}
     */
    static InsertResult insert(Connection c, FeedbackEntry entry, Instant now) throws SQLException {
        Optional<InsertResult> retry = retryOfReplacedVote(c, entry);
        if (retry.isPresent()) {
            return unlessConflict(retry.get(), entry);
        }
        replaceEarlierVote(c, entry, now);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            EntryColumns.bind(insert, EntryRow.of(entry, false));
            if (insert.executeUpdate() == 1) {
                return InsertResult.INSERTED;
            }
        }
        try (PreparedStatement byId = c.prepareStatement(BY_ID)) {
            return unlessConflict(compareWithStored(byId, entry), entry);
        }
    }

    /**
     * Inserts rows with one JDBC batch (prepared {@link #INSERT} and {@link #BY_ID} statements): far
     * less overhead per row than one update each. Rows the insert ignored are compared with what is
     * stored (an earlier row of the same batch included). Votes they replace leave at {@code now}.
     */
    static List<InsertResult> insertAll(PreparedStatement insert, PreparedStatement byId, List<EntryRow> rows,
            Instant now) throws SQLException {
        if (rows.stream().anyMatch(r -> r.entry().isVote())) {
            return insertInOrder(insert, byId, rows, now);
        }
        for (EntryRow row : rows) {
            EntryColumns.bind(insert, row);
            insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            results.add(counts[i] == 1 ? InsertResult.INSERTED : compareWithStored(byId, rows.get(i).entry()));
        }
        return results;
    }

    /** Rows with votes among them, one at a time: a later vote must replace an earlier one of the same batch. */
    private static List<InsertResult> insertInOrder(PreparedStatement insert, PreparedStatement byId, List<EntryRow> rows,
            Instant now) throws SQLException {
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (EntryRow row : rows) {
            Optional<InsertResult> retry = retryOfReplacedVote(insert.getConnection(), row.entry());
            if (retry.isPresent()) {
                results.add(retry.get());
                continue;
            }
            replaceEarlierVote(insert.getConnection(), row.entry(), now);
            EntryColumns.bind(insert, row);
            results.add(insert.executeUpdate() == 1 ? InsertResult.INSERTED : compareWithStored(byId, row.entry()));
        }
        return results;
    }

    static InsertResult unlessConflict(InsertResult result, FeedbackEntry entry) {
        if (result == InsertResult.CONFLICT) {
            throw new ConflictException("feedback_id " + entry.feedbackId()
                    + " already exists with different content; use a new id or leave it out to mint one");
        }
        return result;
    }

    /** UNCHANGED when the stored entry with this id has the same content, CONFLICT otherwise. */
    private static InsertResult compareWithStored(PreparedStatement byId, FeedbackEntry entry) throws SQLException {
        byId.setString(1, entry.feedbackId());
        try (ResultSet rs = byId.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("insert of " + entry.feedbackId() + " ignored but no row found");
            }
            return EntryColumns.read(rs).sameContentAs(entry) ? InsertResult.UNCHANGED : InsertResult.CONFLICT;
        }
    }

    static Optional<FeedbackEntry> findById(Connection c, String feedbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setString(1, feedbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(EntryColumns.read(rs)) : Optional.empty();
            }
        }
    }
}
