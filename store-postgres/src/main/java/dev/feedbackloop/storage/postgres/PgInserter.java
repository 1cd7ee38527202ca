package dev.feedbackloop.storage.postgres;

import dev.feedbackloop.ConflictException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.EntryRow;
import dev.feedbackloop.storage.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Insert-if-absent by feedback_id, telling an idempotent repeat from a conflict; votes replace the
 * same rater's earlier vote on the same output; rows that leave the table are logged in
 * {@code changes}. The same rules as the SQLite store, in the caller's transaction, which holds its
 * turn ({@link PgConnections.Turn}): the changes turn for a vote, so that no one else replaces or
 * adds a vote of the same rater on the same output meanwhile, and change numbers are drawn in commit
 * order.
 */
final class PgInserter {
    static final String BY_ID = "SELECT " + PgRows.ENTRY + " FROM feedback WHERE feedback_id = ?";
    private static final String HISTORY = "SELECT " + PgRows.ENTRY + " FROM feedback_history";
    private static final String HISTORY_COLUMNS =
            "id, feedback_id, timestamp, prompt, output, rating, thumbs_up, tags, context, notes, output_id, rater_id";
    private static final String OTHER_VOTE = "output_id = ? AND rater_id = ? AND feedback_id <> ?";

    private PgInserter() {
    }

    /** One entry. @throws ConflictException when its id is stored with other content */
    static InsertResult insert(Connection c, FeedbackEntry entry, Instant now) throws SQLException {
        Optional<InsertResult> retry = retryOfReplacedVote(c, entry);
        if (retry.isPresent()) {
            return unlessConflict(retry.get(), entry);
        }
        replaceEarlierVote(c, entry, now);
        try (PreparedStatement insert = c.prepareStatement(PgRows.INSERT)) {
            PgRows.bind(insert, EntryRow.of(entry, false));
            if (insert.executeUpdate() == 1) {
                return InsertResult.INSERTED;
            }
        }
        return unlessConflict(compareWithStored(c, entry), entry);
    }

    /** Rows one at a time, in order (a later vote must replace an earlier one of the same batch). */
    static List<InsertResult> insertInOrder(Connection c, PreparedStatement insert, List<EntryRow> rows, Instant now)
            throws SQLException {
        List<InsertResult> results = new ArrayList<>(rows.size());
        for (EntryRow row : rows) {
            Optional<InsertResult> retry = retryOfReplacedVote(c, row.entry());
            if (retry.isPresent()) {
                results.add(retry.get());
                continue;
            }
            replaceEarlierVote(c, row.entry(), now);
            PgRows.bind(insert, row);
            results.add(insert.executeUpdate() == 1 ? InsertResult.INSERTED : compareWithStored(c, row.entry()));
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
    static InsertResult compareWithStored(Connection c, FeedbackEntry entry) throws SQLException {
        FeedbackEntry stored = findById(c, entry.feedbackId())
                .orElseThrow(() -> new IllegalStateException("insert of " + entry.feedbackId() + " ignored but no row found"));
        return stored.sameContentAs(entry) ? InsertResult.UNCHANGED : InsertResult.CONFLICT;
    }

    static Optional<FeedbackEntry> findById(Connection c, String feedbackId) throws SQLException {
        return PgRows.entries(c, BY_ID, feedbackId).stream().findFirst();
    }

    /** Deletes one entry by id and logs the change; empty when there is none. */
    static Optional<FeedbackEntry> delete(Connection c, String feedbackId, Instant now) throws SQLException {
        Optional<FeedbackEntry> found = findById(c, feedbackId);
        if (found.isPresent()) {
            leave(c, "deleted", now, "feedback_id = ?", feedbackId);
        }
        return found;
    }

    static List<FeedbackEntry> replacedVotes(Connection c, String outputId, String raterId) throws SQLException {
        return PgRows.entries(c, HISTORY + " WHERE output_id = ? AND rater_id = ? ORDER BY id", outputId, raterId);
    }

    private static Optional<FeedbackEntry> replaced(Connection c, String feedbackId) throws SQLException {
        return PgRows.entries(c, HISTORY + " WHERE feedback_id = ?", feedbackId).stream().findFirst();
    }

    /** A late retry of a replaced vote is UNCHANGED (CONFLICT with other content), never brought back. */
    private static Optional<InsertResult> retryOfReplacedVote(Connection c, FeedbackEntry entry) throws SQLException {
        if (!entry.isVote()) {
            return Optional.empty();
        }
        return replaced(c, entry.feedbackId()).map(o -> o.sameContentAs(entry.withTimestamp(o.timestamp()))
                ? InsertResult.UNCHANGED : InsertResult.CONFLICT);
    }

    private static void replaceEarlierVote(Connection c, FeedbackEntry entry, Instant now) throws SQLException {
        if (!entry.isVote() || findById(c, entry.feedbackId()).isPresent()) {
            return;
        }
        Object[] vote = {entry.outputId(), entry.raterId(), entry.feedbackId()};
        int moved = PgRows.update(c, "INSERT INTO feedback_history (" + HISTORY_COLUMNS + ", replaced_at, replaced_by)"
                + " SELECT " + HISTORY_COLUMNS + ", ?, ? FROM feedback WHERE " + OTHER_VOTE,
                concat(new Object[] {now, entry.feedbackId()}, vote));
        if (moved > 0) {
            leave(c, "replaced", now, OTHER_VOTE, vote);
        }
    }

    /** Rows leave the feedback table: each is logged in {@code changes} with its timestamp, then deleted. */
    private static void leave(Connection c, String kind, Instant now, String where, Object... values)
            throws SQLException {
        PgRows.update(c, "INSERT INTO changes (kind, entry_timestamp, at) SELECT ?, timestamp, ? FROM feedback"
                + " WHERE " + where + " ORDER BY id", concat(new Object[] {kind, now}, values));
        PgRows.update(c, "DELETE FROM feedback WHERE " + where, values);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
